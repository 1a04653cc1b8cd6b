package dev.ciba.server.ciba;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;

class CibaErrorsTests {

	@Test
	void tokenWhenAProtocolAnswerThenItCarriesTheErrorAndNoStackTrace() {
		OAuth2AuthenticationException pending = CibaErrors.token(CibaErrors.AUTHORIZATION_PENDING,
				"The end-user has not answered yet");

		assertThat(pending.getError().getErrorCode()).isEqualTo("authorization_pending");
		assertThat(pending.getError().getDescription()).isEqualTo("The end-user has not answered yet");
		assertThat(pending.getError().getUri()).isEqualTo(CibaErrors.TOKEN_ERROR_URI);
		assertThat(pending.getStackTrace()).isEmpty();
	}

	@Test
	void authenticationWhenARefusalThenItKeepsItsStackTrace() {
		OAuth2AuthenticationException refused = CibaErrors.authentication(CibaErrors.UNKNOWN_USER_ID,
				"The hint names no end-user");

		assertThat(refused.getError().getErrorCode()).isEqualTo("unknown_user_id");
		assertThat(refused.getStackTrace()).isNotEmpty();
	}

}
