package dev.ciba.server.consent;

import java.util.Collection;

import dev.ciba.push.api.PushAuthStart.Display;
import dev.ciba.push.api.PushAuthStart.NumberMatching;
import dev.ciba.server.config.CibaProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * What the customer's phone is asked for a request: the scopes in words, the rendered
 * authorization details with their one-line summary, and whether the customer must match
 * the client's number. Its settings are checked at start-up.
 */
@Component
public class ConsentPrompts {

	private final ScopeDescriptions scopes;

	private final NumberMatchingPolicy numberMatching;

	public ConsentPrompts(CibaProperties properties) {
		this.scopes = new ScopeDescriptions(properties);
		this.numberMatching = new NumberMatchingPolicy(properties);
	}

	/**
	 * What the phone shows beyond the client's name and the binding message.
	 * @param scopes the requested scopes, in request order
	 * @param details the authorization details, or {@code null}
	 */
	public Display display(Collection<String> scopes, @Nullable AuthorizationDetails details) {
		if (details == null) {
			return new Display(this.scopes.describe(scopes), null, null);
		}
		AuthorizationDetailsRenderer.Rendered rendered = AuthorizationDetailsRenderer.render(details);
		return new Display(this.scopes.describe(scopes), rendered.json(), rendered.summary());
	}

	/**
	 * The number matching of the client's requests, or {@code null} when they need none.
	 */
	public @Nullable NumberMatching numberMatching(RegisteredClient client) {
		return this.numberMatching.forClient(client);
	}

}
