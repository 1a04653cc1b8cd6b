package dev.ciba.server.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for {@code backchannel_client_notification_endpoint} (CIBA Core §4): an absolute
 * {@code https} URL without user information or fragment, whose host is no loopback,
 * private, link-local, shared (CGNAT), unspecified, multicast, reserved or metadata
 * address. The checks run twice: on the URL when a client is registered, and on the
 * resolved addresses right before each delivery, which then connects to the address that
 * was checked (so a name that later resolves elsewhere gains nothing).
 * <p>
 * The development setting {@code ciba.delivery.allow-insecure-endpoints} lifts the
 * address rules and allows {@code http}, for local testing only.
 */
public class NotificationEndpointGuard {

	/** Longest endpoint URL accepted; client settings are stored in a small column. */
	static final int MAX_LENGTH = 400;

	/**
	 * Hosts made of digits and dots: IPv4 literals, or forms such as {@code 2130706433}.
	 */
	private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9.]+");

	private static final Pattern DOTTED_QUAD = Pattern
		.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");

	private final boolean allowInsecure;

	private final HostResolver resolver;

	public NotificationEndpointGuard(boolean allowInsecure, HostResolver resolver) {
		this.allowInsecure = allowInsecure;
		this.resolver = resolver;
	}

	/**
	 * Whether the development setting lifted the rules.
	 */
	public boolean allowsInsecure() {
		return this.allowInsecure;
	}

	/**
	 * Checks an endpoint URL without resolving its host.
	 * @return the parsed URL
	 * @throws InvalidNotificationEndpointException saying what is wrong
	 */
	public URI check(String endpoint) {
		URI uri = parse(endpoint);
		if (!this.allowInsecure) {
			// A fully qualified name may end in a dot ("localhost."); it names the same
			// host.
			String host = uri.getHost().toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
			if (host.equals("localhost") || host.endsWith(".localhost")) {
				throw new InvalidNotificationEndpointException("must not point at a loopback address");
			}
			if (isLiteral(host)) {
				checkAddress(literal(host));
			}
		}
		return uri;
	}

	/**
	 * Checks an endpoint URL, resolves its host and checks every address it resolves to.
	 * @return the address to connect to
	 * @throws InvalidNotificationEndpointException when the URL or an address is refused
	 * @throws UnknownHostException when the host does not resolve
	 */
	public InetAddress resolve(String endpoint) throws UnknownHostException {
		URI uri = check(endpoint);
		String host = uri.getHost();
		InetAddress[] addresses = isLiteral(host) ? new InetAddress[] { literal(host) } : this.resolver.resolve(host);
		if (addresses == null || addresses.length == 0) {
			throw new UnknownHostException("The notification endpoint's host has no address");
		}
		if (!this.allowInsecure) {
			// Every address is checked, not only the first: a name that answers with a
			// public and a private address is refused.
			for (InetAddress address : addresses) {
				checkAddress(address);
			}
		}
		return addresses[0];
	}

	private URI parse(String endpoint) {
		if (endpoint == null || endpoint.isBlank()) {
			throw new InvalidNotificationEndpointException("is required");
		}
		if (endpoint.length() > MAX_LENGTH) {
			throw new InvalidNotificationEndpointException("must have at most " + MAX_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			throw new InvalidNotificationEndpointException("is not a valid URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		boolean schemeAllowed = scheme.equals("https") || (this.allowInsecure && scheme.equals("http"));
		if (!schemeAllowed) {
			throw new InvalidNotificationEndpointException(
					this.allowInsecure ? "must be an http or https URL" : "must be an https URL");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new InvalidNotificationEndpointException("must name a valid host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new InvalidNotificationEndpointException("must not contain user information");
		}
		if (uri.getRawFragment() != null) {
			throw new InvalidNotificationEndpointException("must not contain a fragment");
		}
		return uri;
	}

	private static void checkAddress(InetAddress address) {
		String reason = ForbiddenAddresses.reason(address);
		if (reason != null) {
			throw new InvalidNotificationEndpointException("must not point at a " + reason + " address");
		}
	}

	private static boolean isLiteral(String host) {
		return host.startsWith("[") || NUMERIC_HOST.matcher(host).matches();
	}

	// Literal addresses are parsed, never looked up. Numeric hosts other than a dotted
	// quad (2130706433, 127.1) are refused: resolvers read them in different ways.
	private static InetAddress literal(String host) {
		try {
			if (host.startsWith("[")) {
				// Java parses a bracketed host as an IPv6 literal and never looks it up.
				return InetAddress.getByName(host);
			}
			Matcher quad = DOTTED_QUAD.matcher(host);
			if (!quad.matches()) {
				throw new InvalidNotificationEndpointException(
						"must not use a numeric host other than a dotted IPv4 address");
			}
			byte[] address = new byte[4];
			for (int i = 0; i < 4; i++) {
				int part = Integer.parseInt(quad.group(i + 1));
				if (part > 255) {
					throw new InvalidNotificationEndpointException("names an invalid IP address");
				}
				address[i] = (byte) part;
			}
			return InetAddress.getByAddress(address);
		}
		catch (UnknownHostException ex) {
			throw new InvalidNotificationEndpointException("names an invalid IP address");
		}
	}

}
