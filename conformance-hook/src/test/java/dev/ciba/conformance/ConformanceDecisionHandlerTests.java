package dev.ciba.conformance;

import dev.ciba.conformance.ConformanceDecisions.Outcome;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ConformanceDecisionHandlerTests {

	private static final String AUTH_REQ_ID = "hV3oVJ0p2w4mT5yq1xZk9bC7dE8fG6hI5jK4lM3nO2p";

	private final ConformanceDecisions decisions = mock(ConformanceDecisions.class);

	private final MockMvc mvc = MockMvcBuilders.routerFunctions(new ConformanceDecisionHandler(this.decisions).route())
		.build();

	@Test
	void decideWhenApproveThenApprovesAndAnswersTheNewStatus() throws Exception {
		given(this.decisions.decide(AUTH_REQ_ID, true)).willReturn(Outcome.APPROVED);

		this.mvc
			.perform(post("/conformance/decide").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("auth_req_id", AUTH_REQ_ID)
				.param("decision", "approve"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(content().json("{\"status\":\"APPROVED\"}", true));
		verify(this.decisions).decide(AUTH_REQ_ID, true);
	}

	@Test
	void decideWhenAllowAsTheOpenIdSuiteSaysItThenApproves() throws Exception {
		given(this.decisions.decide(AUTH_REQ_ID, true)).willReturn(Outcome.APPROVED);

		this.mvc
			.perform(post("/conformance/decide").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("auth_req_id", AUTH_REQ_ID)
				.param("decision", "allow"))
			.andExpect(status().isOk())
			.andExpect(content().json("{\"status\":\"APPROVED\"}", true));
		verify(this.decisions).decide(AUTH_REQ_ID, true);
	}

	@Test
	void decideWhenDenyThenDeniesAndAnswersTheNewStatus() throws Exception {
		given(this.decisions.decide(AUTH_REQ_ID, false)).willReturn(Outcome.DENIED);

		this.mvc.perform(post("/conformance/decide").param("auth_req_id", AUTH_REQ_ID).param("decision", "deny"))
			.andExpect(status().isOk())
			.andExpect(content().json("{\"status\":\"DENIED\"}", true));
		verify(this.decisions).decide(AUTH_REQ_ID, false);
	}

	@Test
	void decideWhenRequestIsUnknownThen404WithJsonError() throws Exception {
		given(this.decisions.decide(AUTH_REQ_ID, true)).willReturn(Outcome.UNKNOWN);

		this.mvc.perform(post("/conformance/decide").param("auth_req_id", AUTH_REQ_ID).param("decision", "approve"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error").value("unknown_request"))
			.andExpect(jsonPath("$.error_description")
				.value("No backchannel authentication request has this auth_req_id"));
	}

	@Test
	void decideWhenRequestIsNotPendingThen409() throws Exception {
		given(this.decisions.decide(AUTH_REQ_ID, false)).willReturn(Outcome.NOT_PENDING);

		this.mvc.perform(post("/conformance/decide").param("auth_req_id", AUTH_REQ_ID).param("decision", "deny"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.error").value("not_pending"));
	}

	@Test
	void decideWhenCustomerIsDisabledThen403() throws Exception {
		given(this.decisions.decide(AUTH_REQ_ID, true)).willReturn(Outcome.CUSTOMER_DISABLED);

		this.mvc.perform(post("/conformance/decide").param("auth_req_id", AUTH_REQ_ID).param("decision", "approve"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").value("access_denied"));
	}

	@Test
	void decideWhenAuthReqIdIsMissingThen400AndNothingIsDecided() throws Exception {
		this.mvc.perform(post("/conformance/decide").param("decision", "approve"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
		verifyNoInteractions(this.decisions);
	}

	@Test
	void decideWhenAuthReqIdIsLongerThanAnyIssuedThen400AndNothingIsDecided() throws Exception {
		this.mvc.perform(post("/conformance/decide").param("auth_req_id", "a".repeat(129)).param("decision", "approve"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
		verifyNoInteractions(this.decisions);
	}

	@Test
	void decideWhenDecisionIsNeitherApproveNorDenyThen400AndNothingIsDecided() throws Exception {
		this.mvc.perform(post("/conformance/decide").param("auth_req_id", AUTH_REQ_ID).param("decision", "maybe"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"))
			.andExpect(jsonPath("$.error_description").value("The decision parameter must be approve, allow or deny"));
		verify(this.decisions, org.mockito.Mockito.never()).decide(anyString(), anyBoolean());
	}

	@Test
	void decideWhenGetThenNoRoute() throws Exception {
		this.mvc.perform(get("/conformance/decide").param("auth_req_id", AUTH_REQ_ID).param("decision", "approve"))
			.andExpect(status().isNotFound());
		verifyNoInteractions(this.decisions);
	}

}
