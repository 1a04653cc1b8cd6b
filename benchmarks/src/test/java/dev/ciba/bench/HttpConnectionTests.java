package dev.ciba.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class HttpConnectionTests {

	@Test
	void readResponseWhenContentLengthThenReadsExactlyThatBodyAndKeepsTheConnection() throws IOException {
		String wire = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n"
				+ "{\"auth_req_id\":1}HTTP/1.1 204 No Content\r\n\r\n";

		HttpConnection.Response response = HttpConnection.readResponse(stream(wire));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"auth_req_id\":1}");
		assertThat(response.closeAfter()).isFalse();
	}

	@Test
	void readResponseWhenChunkedThenJoinsTheChunks() throws IOException {
		String wire = "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\nRetry-After: 7\r\n\r\n"
				+ "9\r\n{\"error\":\r\n17;ext=1\r\n\"authorization_pending\"\r\n1\r\n}\r\n0\r\n\r\n";

		HttpConnection.Response response = HttpConnection.readResponse(stream(wire));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"authorization_pending\"}");
		assertThat(response.retryAfter()).isEqualTo("7");
	}

	@Test
	void readResponseWhenConnectionCloseThenSaysSo() throws IOException {
		String wire = "HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";

		HttpConnection.Response response = HttpConnection.readResponse(stream(wire));

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.closeAfter()).isTrue();
	}

	@Test
	void readResponseWhenTheBodyEndsEarlyThenFails() {
		String wire = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort";

		assertThatIOException().isThrownBy(() -> HttpConnection.readResponse(stream(wire)))
			.withMessageContaining("ended early");
	}

	private static ByteArrayInputStream stream(String wire) {
		return new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8));
	}

}
