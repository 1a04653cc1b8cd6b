package dev.ciba.server.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses a client notification endpoint must not point at: anything that reaches
 * the server itself, its private network or a cloud metadata service rather than the
 * client on the internet.
 */
final class ForbiddenAddresses {

	private static final List<Block> IPV4 = List.of(new Block("unspecified", "0.0.0.0", 8),
			new Block("private", "10.0.0.0", 8), new Block("shared (CGNAT)", "100.64.0.0", 10),
			new Block("loopback", "127.0.0.0", 8), new Block("link-local or metadata", "169.254.0.0", 16),
			new Block("private", "172.16.0.0", 12), new Block("reserved", "192.0.0.0", 24),
			new Block("private", "192.168.0.0", 16), new Block("reserved", "198.18.0.0", 15),
			new Block("multicast", "224.0.0.0", 4), new Block("reserved or broadcast", "240.0.0.0", 4));

	private static final List<Block> IPV6 = List.of(new Block("unspecified", "::", 128),
			new Block("loopback", "::1", 128), new Block("unique local or metadata", "fc00::", 7),
			new Block("link-local", "fe80::", 10), new Block("site-local", "fec0::", 10),
			new Block("multicast", "ff00::", 8));

	private ForbiddenAddresses() {
	}

	/**
	 * Why an address is forbidden.
	 * @return the kind of address, such as {@code private} or {@code loopback}; or
	 * {@code null} when it may be used
	 */
	static String reason(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return reasonV4(bytes);
		}
		if (address instanceof Inet6Address) {
			byte[] embedded = embeddedIpv4(bytes);
			if (embedded != null) {
				String reason = reasonV4(embedded);
				return (reason != null) ? reason + " (embedded in IPv6)" : null;
			}
			return find(IPV6, bytes);
		}
		return "unknown address family";
	}

	private static String reasonV4(byte[] bytes) {
		return find(IPV4, bytes);
	}

	private static String find(List<Block> blocks, byte[] bytes) {
		for (Block block : blocks) {
			if (block.contains(bytes)) {
				return block.reason();
			}
		}
		return null;
	}

	// IPv6 forms that carry an IPv4 address the packets really go to: IPv4-mapped
	// (::ffff:0:0/96), IPv4-compatible (::/96, deprecated), NAT64 (64:ff9b::/96) and 6to4
	// (2002::/16).
	private static byte[] embeddedIpv4(byte[] v6) {
		if (startsWith(v6, new byte[10]) && ((v6[10] == (byte) 0xff && v6[11] == (byte) 0xff)
				|| (v6[10] == 0 && v6[11] == 0 && !isZeroOrOne(v6)))) {
			return Arrays.copyOfRange(v6, 12, 16);
		}
		if (startsWith(v6, new byte[] { 0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 })) {
			return Arrays.copyOfRange(v6, 12, 16);
		}
		if (v6[0] == 0x20 && v6[1] == 0x02) {
			return Arrays.copyOfRange(v6, 2, 6);
		}
		return null;
	}

	// :: and ::1 are the unspecified and loopback addresses, not IPv4-compatible ones.
	private static boolean isZeroOrOne(byte[] v6) {
		for (int i = 0; i < 15; i++) {
			if (v6[i] != 0) {
				return false;
			}
		}
		return v6[15] == 0 || v6[15] == 1;
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		return Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
	}

	private record Block(String reason, byte[] network, int prefixLength) {

		Block(String reason, String network, int prefixLength) {
			this(reason, literal(network), prefixLength);
		}

		boolean contains(byte[] address) {
			if (address.length != this.network.length) {
				return false;
			}
			int fullBytes = this.prefixLength / 8;
			if (!Arrays.equals(address, 0, fullBytes, this.network, 0, fullBytes)) {
				return false;
			}
			int remainingBits = this.prefixLength % 8;
			if (remainingBits == 0) {
				return true;
			}
			int mask = (0xff << (8 - remainingBits)) & 0xff;
			return (address[fullBytes] & mask) == (this.network[fullBytes] & mask);
		}

		private static byte[] literal(String network) {
			try {
				// A literal address: no name lookup happens.
				return InetAddress.getByName(network).getAddress();
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException("Not an address literal: " + network, ex);
			}
		}

	}

}
