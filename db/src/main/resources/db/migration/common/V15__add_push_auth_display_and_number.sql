-- What the customer's phone shows beyond the client's name and the binding message, and the number matching of a
-- request. scope_descriptions is a JSON object (scope -> description); authorization_details_shown the rendered
-- authorization details of RFC 9396 as a JSON array; summary one line for the notification (a payment's amount and
-- creditor). number_challenge holds the number the client shows and the customer must pick from number_choices;
-- it lives only as long as the push authentication. number_failures counts wrong or missing numbers; at
-- number_max_failures the request is denied.
ALTER TABLE push_auth ADD COLUMN scope_descriptions VARCHAR(4000);
ALTER TABLE push_auth ADD COLUMN authorization_details_shown VARCHAR(4000);
ALTER TABLE push_auth ADD COLUMN summary VARCHAR(200);
ALTER TABLE push_auth ADD COLUMN number_challenge VARCHAR(2);
ALTER TABLE push_auth ADD COLUMN number_choices VARCHAR(32);
ALTER TABLE push_auth ADD COLUMN number_failures INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE push_auth ADD COLUMN number_max_failures INTEGER;

-- The authorization_details (RFC 9396) of a request exactly as accepted (compact JSON), for the token response and
-- the access token.
ALTER TABLE ciba_request ADD COLUMN authorization_details VARCHAR(4096);
