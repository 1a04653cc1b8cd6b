package dev.ciba.server.ciba;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.ciba.push.api.NoActiveDeviceException;
import dev.ciba.push.api.PushAuthStart;
import dev.ciba.push.api.PushAuthStart.Display;
import dev.ciba.push.api.PushAuthStarted;
import dev.ciba.push.api.PushAuthentications;
import dev.ciba.server.activity.CustomerActivityRepository;
import dev.ciba.server.activity.CustomerActivityRepository.NewEntry;
import dev.ciba.server.ciba.CibaRequestRepository.NewRequest;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.config.CibaProperties;
import dev.ciba.server.consent.AuthorizationDetails;
import dev.ciba.server.consent.ConsentPrompts;
import dev.ciba.server.customer.Customer;
import dev.ciba.server.customer.CustomerUserCodes;
import dev.ciba.server.delivery.ClientNotifications;
import dev.ciba.server.hint.CustomerHints;
import dev.ciba.server.hint.Hint;
import dev.ciba.server.hint.HintException;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules of the backchannel authentication endpoint: what a client may ask, whom it
 * may name, and what is stored and sent when the request is accepted.
 */
@Service
public class BackchannelAuthenticationService {

	/**
	 * Longest {@code client_notification_token} accepted (CIBA Core §7.1 sets no limit).
	 */
	static final int MAX_NOTIFICATION_TOKEN_LENGTH = 1024;

	/** The audit reason of a refusal for too many undelivered notifications. */
	static final String UNDELIVERED_LIMIT = "undelivered_limit";

	/** RFC 6750 §2.1: the characters of a bearer token. */
	private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

	private final CibaProperties properties;

	private final CustomerHints hints;

	private final RequestObjectVerifier requestObjects;

	private final PushAuthentications pushAuthentications;

	private final CibaRequestRepository requests;

	private final ClientNotifications notifications;

	private final TransactionTemplate transaction;

	private final CustomerUserCodes userCodes;

	private final CibaRequestLimit requestLimit;

	private final Clock clock;

	private final ConsentPrompts prompts;

	private final CustomerActivityRepository activity;

	private final BindingMessageValidator bindingMessages = new BindingMessageValidator();

	private final BackchannelAuthenticationRequestConverter parser = new BackchannelAuthenticationRequestConverter();

	BackchannelAuthenticationService(CibaProperties properties, CustomerHints hints,
			RequestObjectVerifier requestObjects, PushAuthentications pushAuthentications,
			CibaRequestRepository requests, PlatformTransactionManager transactionManager, Clock clock,
			ClientNotifications notifications, CustomerUserCodes userCodes, CibaRequestLimit requestLimit,
			ConsentPrompts prompts, CustomerActivityRepository activity) {
		this.activity = activity;
		this.properties = properties;
		this.hints = hints;
		this.requestObjects = requestObjects;
		this.pushAuthentications = pushAuthentications;
		this.requests = requests;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.notifications = notifications;
		this.userCodes = userCodes;
		this.requestLimit = requestLimit;
		this.prompts = prompts;
	}

	/**
	 * Accepts a request: checks it, stores it and asks the customer's phones.
	 * @throws org.springframework.security.oauth2.core.OAuth2AuthenticationException with
	 * the error of CIBA Core §13 when the request is refused; nothing is stored then
	 */
	public Accepted accept(RegisteredClient client, ParsedBackchannelRequest parsed) {
		checkClient(client);
		BackchannelAuthenticationRequest request = parameters(client, parsed);
		checkScopes(client, request.scopes());
		checkAuthorizationDetailsTypes(client, request.authorizationDetails());
		checkNotificationToken(client, request.clientNotificationToken());
		String bindingMessage = (request.bindingMessage() != null)
				? this.bindingMessages.validate(request.bindingMessage()) : null;
		Duration expiry = expiry(request.requestedExpiry());
		Customer customer = resolveCustomer(client, request.hint());
		checkUserCode(client, customer, request.userCode());
		return store(client, customer, request, bindingMessage, expiry);
	}

	private static void checkClient(RegisteredClient client) {
		if (!client.getAuthorizationGrantTypes().contains(CibaGrant.TYPE)) {
			throw CibaErrors.authentication(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
					"The client is not allowed the CIBA grant");
		}
	}

	// CIBA Core §7.1: ping and push clients must send a client_notification_token, the
	// bearer token of their notification endpoint; poll clients' tokens are ignored. It
	// goes into an Authorization header, so it must have the syntax of RFC 6750 §2.1.
	private static void checkNotificationToken(RegisteredClient client, String token) {
		if (CibaClientSettings.POLL.equals(CibaClientSettings.deliveryMode(client))) {
			return;
		}
		if (token == null) {
			throw CibaErrors.authentication(OAuth2ErrorCodes.INVALID_REQUEST,
					"The client_notification_token parameter is required for ping and push clients");
		}
		if (token.length() > MAX_NOTIFICATION_TOKEN_LENGTH) {
			throw CibaErrors.authentication(OAuth2ErrorCodes.INVALID_REQUEST, "The client_notification_token "
					+ "parameter must have at most " + MAX_NOTIFICATION_TOKEN_LENGTH + " characters");
		}
		if (!BEARER_TOKEN.matcher(token).matches()) {
			throw CibaErrors.authentication(OAuth2ErrorCodes.INVALID_REQUEST,
					"The client_notification_token parameter contains characters a bearer token cannot have");
		}
	}

	// CIBA Core §7.1: the scope must contain openid; §13: a scope the client may not ask
	// for is invalid_scope.
	private static void checkScopes(RegisteredClient client, Set<String> scopes) {
		if (!scopes.contains(OidcScopes.OPENID)) {
			throw CibaErrors.authentication(OAuth2ErrorCodes.INVALID_SCOPE, "The scope must contain openid");
		}
		if (!client.getScopes().containsAll(scopes)) {
			throw CibaErrors.authentication(OAuth2ErrorCodes.INVALID_SCOPE,
					"The scope contains a scope the client may not request");
		}
	}

	// RFC 9396 §5 and §10: a client that registered authorization_details_types may send
	// only those; other clients may send any type (the phone shows unknown types
	// generically).
	private static void checkAuthorizationDetailsTypes(RegisteredClient client, AuthorizationDetails details) {
		List<String> allowed = CibaClientSettings.authorizationDetailsTypes(client);
		if (details == null || allowed.isEmpty()) {
			return;
		}
		if (!allowed.containsAll(details.types())) {
			throw CibaErrors
				.invalidAuthorizationDetails("The authorization_details contain a type the client may not use");
		}
	}

	// CIBA Core §7.1: requested_expiry is a positive integer of seconds; we accept it
	// within configured bounds.
	private Duration expiry(Integer requestedExpiry) {
		CibaProperties.Request limits = this.properties.getRequest();
		if (requestedExpiry == null) {
			return limits.getDefaultExpiry();
		}
		Duration requested = Duration.ofSeconds(requestedExpiry);
		if (requested.compareTo(limits.getMinExpiry()) < 0 || requested.compareTo(limits.getMaxExpiry()) > 0) {
			throw CibaErrors.authentication(OAuth2ErrorCodes.INVALID_REQUEST, "The requested_expiry must be between "
					+ limits.getMinExpiry().toSeconds() + " and " + limits.getMaxExpiry().toSeconds() + " seconds");
		}
		return requested;
	}

	// CIBA Core §7.1.1: a signed request's parameters are read from its request object
	// once verified. A client that registered a signing algorithm must sign every
	// request.
	private BackchannelAuthenticationRequest parameters(RegisteredClient client, ParsedBackchannelRequest parsed) {
		if (parsed instanceof SignedBackchannelRequest signed) {
			return this.parser.convert(this.requestObjects.verify(client, signed.requestObject()), signed.ipAddress());
		}
		if (CibaClientSettings.requestSigningAlgorithm(client) != null) {
			throw CibaErrors.authentication(OAuth2ErrorCodes.INVALID_REQUEST,
					"The client must send signed authentication requests");
		}
		return (BackchannelAuthenticationRequest) parsed;
	}

	// CIBA Core §13: a hint that names no usable end-user is unknown_user_id, an expired
	// login_hint_token expired_login_hint_token, and any other bad hint invalid_request.
	private Customer resolveCustomer(RegisteredClient client, Hint hint) {
		try {
			return this.hints.resolve(client, hint);
		}
		catch (HintException ex) {
			throw CibaErrors.authentication(errorCode(ex.reason()), ex.getMessage());
		}
	}

	// CIBA Core §7.1: a client that registered backchannel_user_code_parameter sends the
	// end-user's user_code, which must be right before the end-user is disturbed; other
	// clients should not send one, and theirs is ignored. Each answer is
	// invalid_user_code (§13) except a missing code, and no description echoes the code.
	private void checkUserCode(RegisteredClient client, Customer customer, String userCode) {
		if (!CibaClientSettings.userCodeParameter(client)) {
			return;
		}
		if (userCode == null) {
			throw CibaErrors.authentication(CibaErrors.MISSING_USER_CODE, "The user_code parameter is required");
		}
		switch (this.userCodes.verify(customer.id(), userCode)) {
			case MATCHED -> {
			}
			case WRONG -> throw CibaErrors.authentication(CibaErrors.INVALID_USER_CODE, "The user_code is wrong");
			case LOCKED -> throw CibaErrors.authentication(CibaErrors.INVALID_USER_CODE,
					"The end-user's user code is locked after too many wrong codes; try again later");
			// The client did send a code, so missing_user_code would be untrue; the code
			// cannot be verified against anything, which makes it invalid. Letting the
			// request through would make a customer without a code reachable by exactly
			// the clients that promised to prove the customer's consent with one.
			case NOT_SET ->
				throw CibaErrors.authentication(CibaErrors.INVALID_USER_CODE, "The end-user has not set a user code");
		}
	}

	private static String errorCode(HintException.Reason reason) {
		return switch (reason) {
			case UNKNOWN_USER -> CibaErrors.UNKNOWN_USER_ID;
			case EXPIRED -> CibaErrors.EXPIRED_LOGIN_HINT_TOKEN;
			case INVALID -> OAuth2ErrorCodes.INVALID_REQUEST;
		};
	}

	// One client may keep only a few requests open for one customer, so that no client
	// can bury the customer's
	// phone under requests and hide another client's. Nothing in CIBA Core names this
	// case; access_denied (§13) is
	// the answer for a request the OP will not pass on.
	private void checkPendingLimit(RegisteredClient client, Customer customer, Instant now) {
		CibaProperties.Request settings = this.properties.getRequest();
		Instant createdAfter = now.minus(settings.getMaxExpiry());
		int pending = this.requests.countPending(client.getId(), customer.id(), now, createdAfter);
		if (pending >= settings.getMaxPendingPerClientAndCustomer()) {
			throw CibaErrors.authentication(CibaErrors.ACCESS_DENIED,
					"The client has too many pending requests for this end-user");
		}
	}

	// A push client's tokens can reach it only through its notification endpoint: while
	// that endpoint leaves the most undelivered notifications allowed waiting, asking
	// the customer would be in vain, and the backlog must not grow without bound. CIBA
	// Core has no error for this; like the rate limits, access_denied with 429 and
	// Retry-After, since the refusal ends once deliveries succeed or fail for good.
	private void checkUndeliveredLimit(RegisteredClient client, Instant now) {
		this.notifications.undeliveredLimitReached(client, now).ifPresent((retryAfter) -> {
			throw new CibaRequestLimit.Refused(
					"The client's notification endpoint has too many undelivered notifications; try again later",
					retryAfter, UNDELIVERED_LIMIT);
		});
	}

	private Accepted store(RegisteredClient client, Customer customer, BackchannelAuthenticationRequest request,
			String bindingMessage, Duration expiry) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(expiry);
		String scope = String.join(" ", request.scopes());
		String requestId = UUID.randomUUID().toString();
		AuthReqId authReqId = AuthReqId.generate();
		int interval = (int) this.properties.getRequest().getInterval().toSeconds();
		checkPendingLimit(client, customer, now);
		checkUndeliveredLimit(client, now);
		// Last of the checks, so that only requests that would reach the phone count.
		this.requestLimit.count(client, customer);
		Display display = this.prompts.display(request.scopes(), request.authorizationDetails());
		PushAuthStart start = new PushAuthStart(customer.id(), client.getClientName(), bindingMessage, scope,
				request.ipAddress(), now, expiresAt, display, this.prompts.numberMatching(client));
		NewEntry activityEntry = new NewEntry(requestId, customer.id(), client.getClientId(), client.getClientName(),
				bindingMessage, scope, detailsSummary(request, display), now, expiresAt);
		String authorizationDetails = (request.authorizationDetails() != null) ? request.authorizationDetails().json()
				: null;
		PushAuthStarted push;
		try {
			push = this.transaction.execute((status) -> {
				PushAuthStarted started = this.pushAuthentications.start(start);
				this.requests
					.insert(new NewRequest(requestId, authReqId, client.getId(), customer.id(), scope, bindingMessage,
							acrValues(request), started.pushAuthId(), now, expiresAt, interval, authorizationDetails));
				this.notifications.awaitDecision(requestId, client, authReqId, request.clientNotificationToken(),
						expiresAt, now);
				this.activity.requested(activityEntry);
				return started;
			});
		}
		catch (NoActiveDeviceException ex) {
			// CIBA Core §13: access_denied when the OP cannot reach the end-user; nothing
			// was stored or sent.
			throw CibaErrors.authentication(CibaErrors.ACCESS_DENIED,
					"The end-user has no active authentication device");
		}
		// CIBA Core §7.3: push clients never poll, so their acknowledgement has no
		// interval.
		boolean pushMode = CibaClientSettings.PUSH.equals(CibaClientSettings.deliveryMode(client));
		return new Accepted(requestId, new BackchannelAuthenticationResponse(authReqId, (int) expiry.toSeconds(),
				pushMode ? null : interval, push.numberChallenge()));
	}

	// The customer's activity page shows the authorization details in one line: the
	// payment summary the phone shows, or else the types of the details. Known gap: the
	// summary is the renderer's English text, stored once, so the German page shows it
	// in English too; translating it would mean storing the parts instead.
	private static String detailsSummary(BackchannelAuthenticationRequest request, Display display) {
		if (request.authorizationDetails() == null) {
			return null;
		}
		return (display.summary() != null) ? display.summary()
				: String.join(", ", request.authorizationDetails().types());
	}

	private static String acrValues(BackchannelAuthenticationRequest request) {
		return request.acrValues().isEmpty() ? null : String.join(" ", request.acrValues());
	}

	/**
	 * An accepted request.
	 *
	 * @param requestId the internal id, for audit records
	 * @param response what the client is told
	 */
	public record Accepted(String requestId, BackchannelAuthenticationResponse response) {
	}

}
