package dev.ciba.portal;

import java.time.Instant;
import java.util.List;

import dev.ciba.portal.CustomerActivity.ActivityEntry;
import dev.ciba.portal.CustomerActivity.ActivityPage;
import dev.ciba.portal.CustomerActivity.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

@WithMockUser(username = TestPortalData.CUSTOMER_ID)
class ActivityControllerTests extends PortalControllerTest {

	private static final Instant ASKED = Instant.parse("2030-01-02T09:30:00Z");

	@BeforeEach
	void loggedInCustomer() {
		customerIsKnown();
	}

	@Test
	void pageWhenEntriesThenShowsEachWithClientMessageScopesDetailsDeviceOutcomeAndTimes() {
		ActivityEntry approved = new ActivityEntry("shop-client", "Shop", "Order 42", List.of("openid", "accounts"),
				"Payment of 12.50 EUR to Shop", "Work phone", Outcome.APPROVED, ASKED, ASKED.plusSeconds(300),
				ASKED.plusSeconds(20));
		ActivityEntry denied = new ActivityEntry("bank", "Bank", null, List.of("openid"), null, "Tablet",
				Outcome.DENIED, ASKED.minusSeconds(3600), ASKED.minusSeconds(3300), ASKED.minusSeconds(3590));
		given(this.activity.page(TestPortalData.CUSTOMER_ID, 0, ActivityController.PAGE_SIZE))
			.willReturn(new ActivityPage(List.of(approved, denied), 0, true));
		given(this.activity.pending(TestPortalData.CUSTOMER_ID)).willReturn(List.of());

		MvcTestResult result = this.mvc.get().uri("/portal/activity").exchange();

		assertThat(result).hasStatusOk().hasViewName("portal/activity");
		HtmlPage page = HtmlPage.of(result);
		String first = "//li[@id='activity-0']";
		assertThat(page.text(first + "//span[@class='client-name']")).isEqualTo("Shop");
		assertThat(page.text(first + "//span[contains(@class, 'outcome ')]")).isEqualTo("approved");
		assertThat(page.text(first + "//dd[@class='client-id']")).isEqualTo("shop-client");
		assertThat(page.text(first + "//dd[@class='binding-message']")).isEqualTo("Order 42");
		assertThat(page.text(first + "//dd[@class='scopes']/ul/li[1]")).isEqualTo("Confirm who you are");
		assertThat(page.text(first + "//dd[@class='scopes']/ul/li[2]")).isEqualTo("accounts");
		assertThat(page.text(first + "//dd[@class='details']")).isEqualTo("Payment of 12.50 EUR to Shop");
		assertThat(page.text(first + "//dd[@class='device']")).isEqualTo("Work phone");
		assertThat(page.text(first + "//dd[@class='requested-at']")).isEqualTo("2030-01-02 09:30 UTC");
		assertThat(page.text(first + "//dd[@class='answered-at']/time/@datetime")).isEqualTo("2030-01-02T09:30:20Z");
		String second = "//li[@id='activity-1']";
		assertThat(page.text(second + "//span[contains(@class, 'outcome ')]")).isEqualTo("denied");
		assertThat(page.count(second + "//dd[@class='binding-message']")).isZero();
		assertThat(page.count(second + "//dd[@class='details']")).isZero();
		assertThat(page.text("//a[@id='older-page']/@href")).isEqualTo("/portal/activity?page=1");
		assertThat(page.count("//a[@id='newer-page']")).isZero();
		assertThat(page.text("//p[@id='no-pending']")).isEqualTo("No request is waiting for your answer.");
	}

	@Test
	void pageWhenSecondPageThenAsksForItAndLinksBack() {
		given(this.activity.page(TestPortalData.CUSTOMER_ID, 1, ActivityController.PAGE_SIZE))
			.willReturn(new ActivityPage(List.of(), 1, false));

		HtmlPage page = HtmlPage.of(this.mvc.get().uri("/portal/activity?page=1").exchange());

		assertThat(page.text("//a[@id='newer-page']/@href")).isEqualTo("/portal/activity?page=0");
		assertThat(page.count("//a[@id='older-page']")).isZero();
		assertThat(page.text("//span[@id='page-number']")).isEqualTo("Page 2");
		verify(this.activity).page(TestPortalData.CUSTOMER_ID, 1, ActivityController.PAGE_SIZE);
	}

	@Test
	void pageWhenPageNumberPastTheFiveHundredthPageThenNotFound() {
		assertThat(this.mvc.get().uri("/portal/activity?page=500").exchange()).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/portal/activity?page=100000").exchange()).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/portal/activity?page=99999999999999").exchange())
			.hasStatus(HttpStatus.NOT_FOUND);
		verifyNoInteractions(this.activity);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "0x10", "+1", "1e2", " 1", "١" })
	void pageWhenPageNumberIsNotDecimalDigitsThenBadRequest(String number) {
		assertThat(this.mvc.get().uri("/portal/activity?page={n}", number).exchange())
			.hasStatus(HttpStatus.BAD_REQUEST);
		verifyNoInteractions(this.activity);
	}

	@Test
	void pageWhenTheFiveHundredthPageThenShownAsPage500WithoutALinkFurther() {
		given(this.activity.page(TestPortalData.CUSTOMER_ID, 499, ActivityController.PAGE_SIZE))
			.willReturn(new ActivityPage(List.of(), 499, true));

		HtmlPage page = HtmlPage.of(this.mvc.get().uri("/portal/activity?page=499").exchange());

		assertThat(page.text("//span[@id='page-number']")).isEqualTo("Page 500");
		assertThat(page.count("//a[@id='older-page']")).isZero();
	}

	@Test
	void pendingWhenAskedThenAnswersOnlyTheFragmentWithThePendingRequests() {
		ActivityEntry pending = new ActivityEntry("shop-client", "Shop", "Order 43", List.of("openid"), null, null,
				Outcome.PENDING, ASKED, ASKED.plusSeconds(300), null);
		given(this.activity.pending(TestPortalData.CUSTOMER_ID)).willReturn(List.of(pending));

		MvcTestResult result = this.mvc.get().uri("/portal/activity/pending").exchange();

		assertThat(result).hasStatusOk();
		HtmlPage page = HtmlPage.of(result);
		assertThat(page.count("/section[@id='pending']")).isOne();
		assertThat(page.count("//html | //header")).isZero();
		assertThat(page.text("//li[contains(@class, 'pending-entry')]//dd[@class='binding-message']"))
			.isEqualTo("Order 43");
		assertThat(page.text("//li[contains(@class, 'pending-entry')]//span[contains(@class, 'outcome ')]"))
			.isEqualTo("pending");
		assertThat(page.text("//li[contains(@class, 'pending-entry')]//dd[@class='expires-at']"))
			.isEqualTo("2030-01-02 09:35 UTC");
	}

	@Test
	void pageWhenBindingMessageClientNameAndDetailsCarryMarkupThenShownAsText() {
		// The server refuses < and > in binding messages; the page escapes them anyway.
		String name = "<img src=x onerror=alert(1)>";
		String details = "<script>alert(1)</script>";
		ActivityEntry entry = new ActivityEntry("evil", name, details, List.of("openid", "<b>x</b>"), details,
				"<i>phone</i>", Outcome.APPROVED, ASKED, ASKED.plusSeconds(300), ASKED.plusSeconds(5));
		given(this.activity.page(TestPortalData.CUSTOMER_ID, 0, ActivityController.PAGE_SIZE))
			.willReturn(new ActivityPage(List.of(entry), 0, false));
		given(this.activity.pending(TestPortalData.CUSTOMER_ID)).willReturn(List.of());

		HtmlPage page = HtmlPage.of(this.mvc.get().uri("/portal/activity").exchange());

		assertThat(page.rawText("//li[@id='activity-0']//span[@class='client-name']")).isEqualTo(name);
		assertThat(page.rawText("//li[@id='activity-0']//dd[@class='details']")).isEqualTo(details);
		assertThat(page.rawText("//li[@id='activity-0']//dd[@class='binding-message']")).isEqualTo(details);
		assertThat(page.count("//img | //b | //i")).isZero();
		assertThat(page.count("//script[not(@src)]")).isZero();
		assertThat(page.source()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
	}

}
