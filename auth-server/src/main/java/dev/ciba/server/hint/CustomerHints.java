package dev.ciba.server.hint;

import java.util.Optional;

import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.customer.Customer;
import dev.ciba.server.customer.CustomerRepository;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * Finds the customer a backchannel authentication request names, whichever of the three
 * hints of CIBA Core 1.0 §7.1 it uses.
 */
@Component
public class CustomerHints {

	private final CustomerRepository customers;

	private final IdTokenHints idTokenHints;

	private final LoginHintTokens loginHintTokens;

	CustomerHints(CustomerRepository customers, IdTokenHints idTokenHints, LoginHintTokens loginHintTokens) {
		this.customers = customers;
		this.idTokenHints = idTokenHints;
		this.loginHintTokens = loginHintTokens;
	}

	/**
	 * The enabled customer the hint names.
	 * @throws HintException when the client may not use this type of hint, the hint is
	 * invalid or expired, or it names no enabled customer
	 */
	public Customer resolve(RegisteredClient client, Hint hint) {
		String parameter = hint.type().parameterName();
		if (!CibaClientSettings.allowedHints(client).contains(parameter)) {
			throw new HintException(HintException.Reason.INVALID, "The client may not use the " + parameter);
		}
		// CIBA Core §13: a hint that names no usable end-user is unknown_user_id. A
		// disabled
		// customer is not told apart from an unknown one, so the answer reveals nothing.
		return find(client, hint).filter(Customer::enabled)
			.orElseThrow(() -> new HintException(HintException.Reason.UNKNOWN_USER,
					"The " + parameter + " does not identify a known end-user"));
	}

	private Optional<Customer> find(RegisteredClient client, Hint hint) {
		return switch (hint.type()) {
			case LOGIN_HINT -> this.customers.findByLoginName(hint.value());
			case ID_TOKEN_HINT ->
				this.customers.findById(this.idTokenHints.subject(client.getClientId(), hint.value()));
			case LOGIN_HINT_TOKEN -> this.customers.findById(this.loginHintTokens.subject(hint.value()));
		};
	}

}
