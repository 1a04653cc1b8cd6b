package dev.ciba.server.registration;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.ciba.server.client.ClientMetadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Parsing of registration requests and the rules only registrations follow.
 */
class ClientRegistrationRequestParserTests {

	private static final String CIBA = "urn:openid:params:grant-type:ciba";

	private final ClientRegistrationRequestParser parser = new ClientRegistrationRequestParser();

	@Test
	void parseWhenAFullCibaRegistrationThenEveryMemberRead() {
		ClientRegistrationRequest request = parse("""
				{"client_name": "Partner Bank", "grant_types": ["%s", "refresh_token"], "response_types": [],
				 "redirect_uris": [], "scope": "openid profile", "token_endpoint_auth_method": "private_key_jwt",
				 "token_endpoint_auth_signing_alg": "PS256", "jwks": {"keys": []},
				 "backchannel_token_delivery_mode": "ping",
				 "backchannel_client_notification_endpoint": "https://partner.example/cb",
				 "backchannel_authentication_request_signing_alg": "PS256",
				 "backchannel_user_code_parameter": true, "id_token_signed_response_alg": "RS256",
				 "number_matching_required": true, "authorization_details_types": ["payment_initiation"],
				 "tls_client_certificate_bound_access_tokens": false, "logo_uri": "https://partner.example/l.png"}
				""".formatted(CIBA));

		assertThat(request.clientName()).isEqualTo("Partner Bank");
		assertThat(request.grantTypes()).containsExactly(CIBA, "refresh_token");
		assertThat(request.scopes()).containsExactly("openid", "profile");
		assertThat(request.metadata()).isEqualTo(ClientMetadata.builder()
			.authenticationMethods(List.of("private_key_jwt"))
			.clientAssertionSigningAlg("PS256")
			.jwks("{\"keys\":[]}")
			.deliveryMode("ping")
			.notificationEndpoint("https://partner.example/cb")
			.requestSigningAlg("PS256")
			.userCodeParameter(true)
			.numberMatchingRequired(true)
			.authorizationDetailsTypes(List.of("payment_initiation"))
			.build());
	}

	@Test
	void parseWhenOnlyGrantAndModeThenRfc7591DefaultsAndOpenidScope() {
		ClientRegistrationRequest request = parse("""
				{"grant_types": ["%s"], "backchannel_token_delivery_mode": "poll", "client_name": null}
				""".formatted(CIBA));

		assertThat(request.clientName()).isNull();
		assertThat(request.scopes()).containsExactly("openid");
		assertThat(request.metadata().authenticationMethods()).containsExactly("client_secret_basic");
		assertThat(request.metadata().userCodeParameter()).isFalse();
		assertThat(request.metadata().jwks()).isNull();
		assertThat(request.metadata().numberMatchingRequired()).isFalse();
		assertThat(request.metadata().authorizationDetailsTypes()).isEmpty();
	}

	@Test
	void parseWhenTheCibaGrantIsMissingOrAnotherGrantIsAskedThenInvalidClientMetadata() {
		assertRefused("{\"backchannel_token_delivery_mode\": \"poll\"}", "invalid_client_metadata",
				"grant_types must include " + CIBA);
		assertRefused("{\"grant_types\": [\"client_credentials\"]}", "invalid_client_metadata",
				"grant_types must include " + CIBA);
		assertRefused("{\"grant_types\": [\"" + CIBA + "\", \"authorization_code\"]}", "invalid_client_metadata",
				"grant_types may hold only " + CIBA + " and refresh_token");
	}

	@Test
	void parseWhenResponseTypesOrRedirectUrisAreNotEmptyThenRefused() {
		assertRefused(cibaWith("\"response_types\": [\"code\"]"), "invalid_client_metadata",
				"response_types must be empty: CIBA clients use no authorization endpoint");
		assertRefused(cibaWith("\"redirect_uris\": [\"https://partner.example/cb\"]"), "invalid_redirect_uri",
				"redirect_uris must be empty: CIBA clients are never redirected to");
	}

	@Test
	void parseWhenScopeLacksOpenidOrAsksForRegistrationRightsOrIsMalformedThenRefused() {
		assertRefused(cibaWith("\"scope\": \"profile\""), "invalid_client_metadata", "scope must include openid");
		assertRefused(cibaWith("\"scope\": \"openid client.create\""), "invalid_client_metadata",
				"scope must not include the registration scopes");
		assertRefused(cibaWith("\"scope\": \"openid  profile\""), "invalid_client_metadata",
				"scope must be scope tokens separated by single spaces");
		assertRefused(cibaWith("\"scope\": \"openid \\\"quoted\\\"\""), "invalid_client_metadata",
				"scope must be scope tokens separated by single spaces");
	}

	@Test
	void parseWhenMembersHaveTheWrongJsonTypeThenInvalidClientMetadata() {
		assertRefused(cibaWith("\"backchannel_user_code_parameter\": \"true\""), "invalid_client_metadata",
				"backchannel_user_code_parameter must be true or false");
		assertRefused(cibaWith("\"jwks\": \"{}\""), "invalid_client_metadata", "jwks must be a JSON object");
		assertRefused(cibaWith("\"number_matching_required\": \"yes\""), "invalid_client_metadata",
				"number_matching_required must be true or false");
		assertRefused(cibaWith("\"authorization_details_types\": \"payment_initiation\""), "invalid_client_metadata",
				"authorization_details_types must be an array of strings");
		assertRefused(cibaWith("\"token_endpoint_auth_method\": [\"private_key_jwt\"]"), "invalid_client_metadata",
				"token_endpoint_auth_method must be a string");
		assertRefused("{\"grant_types\": \"" + CIBA + "\"}", "invalid_client_metadata",
				"grant_types must be an array of strings");
		assertRefused("{\"grant_types\": [5]}", "invalid_client_metadata", "grant_types must be an array of strings");
	}

	@Test
	void parseWhenTheBodyIsNotOneJsonObjectThenInvalidClientMetadata() {
		assertRefused("[]", "invalid_client_metadata", "The request body must be a JSON object");
		assertRefused("{\"grant_types\": [", "invalid_client_metadata", "The request body is not valid JSON");
		assertRefused("{} {}", "invalid_client_metadata", "The request body is not valid JSON");
		assertRefused("", "invalid_client_metadata", "The request body must be a JSON object");
	}

	@Test
	void parseWhenAMemberIsRepeatedThenInvalidClientMetadata() {
		assertRefused(
				cibaWith("\"token_endpoint_auth_method\": \"private_key_jwt\", "
						+ "\"token_endpoint_auth_method\": \"none\""),
				"invalid_client_metadata", "The request body is not valid JSON");
	}

	@Test
	void parseWhenClientNameHasControlOrFormattingCharactersOrIsTooLongThenRefused() {
		assertRefused(cibaWith("\"client_name\": \"Bank\\u202Ekcab\""), "invalid_client_metadata",
				"client_name must not contain control or formatting characters");
		assertRefused(cibaWith("\"client_name\": \"Bank\\nLine\""), "invalid_client_metadata",
				"client_name must not contain control or formatting characters");
		assertRefused(cibaWith("\"client_name\": \"" + "n".repeat(201) + "\""), "invalid_client_metadata",
				"client_name must have 1 to 200 characters");
	}

	@Test
	void parseWhenProtectionsThisServerCannotGiveAreAskedThenRefused() {
		assertRefused(cibaWith("\"id_token_signed_response_alg\": \"PS256\""), "invalid_client_metadata",
				"id_token_signed_response_alg must be RS256");
		assertRefused(cibaWith("\"tls_client_certificate_bound_access_tokens\": true"), "invalid_client_metadata",
				"tls_client_certificate_bound_access_tokens is not supported");
	}

	private ClientRegistrationRequest parse(String json) {
		return this.parser.parse(json.getBytes(StandardCharsets.UTF_8));
	}

	private void assertRefused(String json, String error, String description) {
		assertThatExceptionOfType(ClientRegistrationException.class).isThrownBy(() -> parse(json)).satisfies((ex) -> {
			assertThat(ex.getStatus().value()).isEqualTo(400);
			assertThat(ex.getError().getErrorCode()).isEqualTo(error);
			assertThat(ex.getError().getDescription()).isEqualTo(description);
		});
	}

	private static String cibaWith(String member) {
		return "{\"grant_types\": [\"" + CIBA + "\"], \"backchannel_token_delivery_mode\": \"poll\", " + member + "}";
	}

}
