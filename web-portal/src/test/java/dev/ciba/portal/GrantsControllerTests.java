package dev.ciba.portal;

import java.time.Instant;
import java.util.List;

import dev.ciba.portal.CustomerGrants.Grant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@WithMockUser(username = TestPortalData.CUSTOMER_ID)
class GrantsControllerTests extends PortalControllerTest {

	private static final Instant ISSUED = Instant.parse("2030-01-02T09:00:00Z");

	@BeforeEach
	void loggedInCustomer() {
		customerIsKnown();
	}

	@Test
	void listWhenGrantsThenShowsClientScopesDatesAndARevokeFormWithCsrf() {
		given(this.grants.grants(TestPortalData.CUSTOMER_ID))
			.willReturn(List.of(new Grant("reg-1", "shop-client", "Shop <b>24</b>", List.of("openid", "email"), ISSUED,
					ISSUED.plusSeconds(600), ISSUED.plusSeconds(3600))));

		MvcTestResult result = this.mvc.get().uri("/portal/grants").exchange();

		assertThat(result).hasStatusOk().hasViewName("portal/grants");
		HtmlPage page = HtmlPage.of(result);
		String row = "//tr[@id='grant-0']";
		assertThat(page.rawText(row + "//span[contains(@class, 'client-name')]")).isEqualTo("Shop <b>24</b>");
		assertThat(page.count("//b")).isZero();
		assertThat(page.text(row + "//span[contains(@class, 'client-id')]")).isEqualTo("shop-client");
		assertThat(page.text(row + "/td[@class='grant-scopes']/ul/li[2]")).isEqualTo("Your e-mail address");
		assertThat(page.text(row + "/td[@class='grant-granted']"))
			.isEqualTo("2030-01-02 09:00 UTC (last 2030-01-02 09:10 UTC)");
		assertThat(page.text(row + "/td[@class='grant-expires']")).isEqualTo("2030-01-02 10:00 UTC");
		assertThat(page.text(row + "//form/@action")).isEqualTo("/portal/grants/reg-1/revoke");
		assertThat(page.text(row + "//form/@method")).isEqualTo("post");
		assertThat(page.text(row + "//form/input[@type='hidden']/@name")).isEqualTo("_csrf");
		assertThat(page.text("//button[@id='revoke-0']/@aria-label")).isEqualTo("Revoke the access of Shop <b>24</b>");
	}

	@Test
	void listWhenNoGrantsThenSaysSo() {
		given(this.grants.grants(TestPortalData.CUSTOMER_ID)).willReturn(List.of());

		HtmlPage page = HtmlPage.of(this.mvc.get().uri("/portal/grants").exchange());

		assertThat(page.text("//p[@id='no-grants']")).isEqualTo("No partner holds access for you.");
		assertThat(page.count("//table")).isZero();
	}

	@Test
	void revokeWhenOwnGrantThenRevokesAndRedirectsWithFlash() {
		given(this.grants.revoke(TestPortalData.CUSTOMER_ID, "reg-1")).willReturn(true);

		MvcTestResult result = this.mvc.post().uri("/portal/grants/reg-1/revoke").with(csrf()).exchange();

		assertThat(result).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/portal/grants");
		assertThat(result).flash().containsEntry(GrantsController.REVOKED_FLASH, true);
		verify(this.grants).revoke(TestPortalData.CUSTOMER_ID, "reg-1");
	}

	@Test
	void revokeWhenGrantIsAnotherCustomersThenNotFound() {
		given(this.grants.revoke(TestPortalData.CUSTOMER_ID, "reg-of-bob")).willReturn(false);

		MvcTestResult result = this.mvc.post().uri("/portal/grants/reg-of-bob/revoke").with(csrf()).exchange();

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasViewName("error/404");
		assertThat(result).flash().isEmpty();
	}

	@Test
	void revokeWhenNoCsrfTokenThenForbiddenAndNothingRevoked() {
		MvcTestResult result = this.mvc.post().uri("/portal/grants/reg-1/revoke").exchange();

		assertThat(result).hasStatus(HttpStatus.FORBIDDEN);
		verifyNoInteractions(this.grants);
	}

}
