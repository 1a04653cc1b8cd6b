package dev.ciba.server.ciba;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.ciba.push.api.NoActiveDeviceException;
import dev.ciba.push.api.PushAuthStart;
import dev.ciba.push.api.PushAuthStarted;
import dev.ciba.push.api.PushAuthentications;
import dev.ciba.server.ciba.CibaRequestRepository.NewRequest;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.config.CibaProperties;
import dev.ciba.server.customer.Customer;
import dev.ciba.server.customer.CustomerRepository;

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

	private final CibaProperties properties;

	private final CustomerRepository customers;

	private final PushAuthentications pushAuthentications;

	private final CibaRequestRepository requests;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final BindingMessageValidator bindingMessages = new BindingMessageValidator();

	BackchannelAuthenticationService(CibaProperties properties, CustomerRepository customers,
			PushAuthentications pushAuthentications, CibaRequestRepository requests,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.properties = properties;
		this.customers = customers;
		this.pushAuthentications = pushAuthentications;
		this.requests = requests;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Accepts a request: checks it, stores it and asks the customer's phones.
	 * @throws org.springframework.security.oauth2.core.OAuth2AuthenticationException with
	 * the error of CIBA Core §13 when the request is refused; nothing is stored then
	 */
	public Accepted accept(RegisteredClient client, BackchannelAuthenticationRequest request) {
		checkClient(client);
		checkScopes(client, request.scopes());
		String bindingMessage = (request.bindingMessage() != null)
				? this.bindingMessages.validate(request.bindingMessage()) : null;
		Duration expiry = expiry(request.requestedExpiry());
		Customer customer = resolveCustomer(request.loginHint());
		return store(client, customer, request, bindingMessage, expiry);
	}

	private static void checkClient(RegisteredClient client) {
		if (!client.getAuthorizationGrantTypes().contains(CibaGrant.TYPE)) {
			throw CibaErrors.authentication(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
					"The client is not allowed the CIBA grant");
		}
		if (!CibaClientSettings.POLL.equals(CibaClientSettings.deliveryMode(client))) {
			// Only poll mode is implemented; ping and push delivery to the client need
			// the delivery outbox.
			throw CibaErrors.authentication(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
					"The client's token delivery mode is not supported");
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

	// CIBA Core §13: a hint that names no usable end-user is unknown_user_id. A disabled
	// customer is told apart
	// from an unknown one nowhere, so that the answer reveals nothing about the account.
	private Customer resolveCustomer(String loginHint) {
		return this.customers.findByLoginName(loginHint)
			.filter(Customer::enabled)
			.orElseThrow(() -> CibaErrors.authentication(CibaErrors.UNKNOWN_USER_ID,
					"The login_hint does not identify a known end-user"));
	}

	private Accepted store(RegisteredClient client, Customer customer, BackchannelAuthenticationRequest request,
			String bindingMessage, Duration expiry) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(expiry);
		String scope = String.join(" ", request.scopes());
		String requestId = UUID.randomUUID().toString();
		AuthReqId authReqId = AuthReqId.generate();
		int interval = (int) this.properties.getRequest().getInterval().toSeconds();
		try {
			this.transaction.executeWithoutResult((status) -> {
				PushAuthStarted push = this.pushAuthentications.start(new PushAuthStart(customer.id(),
						client.getClientName(), bindingMessage, scope, request.ipAddress(), now, expiresAt));
				this.requests.insert(new NewRequest(requestId, authReqId, client.getId(), customer.id(), scope,
						bindingMessage, acrValues(request), push.pushAuthId(), now, expiresAt, interval));
			});
		}
		catch (NoActiveDeviceException ex) {
			// CIBA Core §13: access_denied when the OP cannot reach the end-user; nothing
			// was stored or sent.
			throw CibaErrors.authentication(CibaErrors.ACCESS_DENIED,
					"The end-user has no active authentication device");
		}
		return new Accepted(requestId,
				new BackchannelAuthenticationResponse(authReqId, (int) expiry.toSeconds(), interval));
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
