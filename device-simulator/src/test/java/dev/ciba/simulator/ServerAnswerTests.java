package dev.ciba.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerAnswerTests {

	@Test
	void describeRefusalWhenOAuthErrorThenErrorAndDescription() {
		ServerAnswer answer = new ServerAnswer(410,
				"{\"error\":\"expired_token\",\"error_description\":\"the request has expired\"}");

		assertThat(answer.isSuccessful()).isFalse();
		assertThat(answer.error()).isEqualTo("expired_token");
		assertThat(answer.errorDescription()).isEqualTo("the request has expired");
		assertThat(answer.describeRefusal())
			.isEqualTo("Server refused (HTTP 410): expired_token: the request has expired");
	}

	@Test
	void describeRefusalWhenErrorWithoutDescriptionThenErrorOnly() {
		ServerAnswer answer = new ServerAnswer(403, "{\"error\":\"access_denied\"}");

		assertThat(answer.describeRefusal()).isEqualTo("Server refused (HTTP 403): access_denied");
	}

	@Test
	void describeRefusalWhenBodyIsNotJsonThenBodyShortened() {
		ServerAnswer answer = new ServerAnswer(502, "<html>" + "x".repeat(300));

		assertThat(answer.error()).isNull();
		assertThat(answer.describeRefusal()).isEqualTo("Server refused (HTTP 502): <html>" + "x".repeat(194) + "...");
	}

	@Test
	void describeRefusalWhenBodyEmptyThenStatusOnly() {
		assertThat(new ServerAnswer(500, "").describeRefusal()).isEqualTo("Server refused (HTTP 500)");
	}

	@Test
	void isSuccessfulWhen2xxThenTrue() {
		assertThat(new ServerAnswer(200, "").isSuccessful()).isTrue();
		assertThat(new ServerAnswer(204, "").isSuccessful()).isTrue();
		assertThat(new ServerAnswer(302, "").isSuccessful()).isFalse();
	}

}
