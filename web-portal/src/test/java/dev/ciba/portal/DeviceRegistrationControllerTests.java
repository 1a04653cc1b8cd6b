package dev.ciba.portal;

import java.time.Instant;
import java.util.Optional;

import dev.ciba.push.api.DiscoveryData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@WithMockUser(username = TestPortalData.CUSTOMER_ID)
class DeviceRegistrationControllerTests extends PortalControllerTest {

	private static final Instant EXPIRES_AT = TestPortalData.NOW.plusSeconds(150);

	private static final String JSON = "{\"deviceId\":\"dev-new\",\"username\":\"alice\","
			+ "\"host\":\"https://ciba.example\",\"tenantDomain\":\"carbon.super\",\"challenge\":\"challenge-1\"}";

	private static final String WSO2_V1_JSON = "{\"did\":\"dev-new\",\"un\":\"alice\",\"td\":\"carbon.super\","
			+ "\"hst\":\"https://ciba.example\",\"chg\":\"challenge-1\"}";

	@BeforeEach
	void loggedInCustomer() {
		customerIsKnown();
	}

	@Test
	void openWhenNoCsrfTokenThenForbidden() {
		MvcTestResult result = this.mvc.post().uri("/portal/devices/registrations").exchange();

		assertThat(result).hasStatus(HttpStatus.FORBIDDEN);
		verifyNoInteractions(this.registrations);
	}

	@Test
	void openWhenCsrfTokenThenRedirectsToRegistrationPage() {
		DiscoveryData data = openRegistration();
		given(this.registrations.open(TestPortalData.CUSTOMER_ID)).willReturn(data);

		MvcTestResult result = this.mvc.post().uri("/portal/devices/registrations").with(csrf()).exchange();

		assertThat(result).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/portal/devices/registrations/dev-new");
	}

	@Test
	void openWhenDeviceLimitReachedThenBackToDevicesAndNothingOpened() {
		given(this.registrations.deviceLimitReached(TestPortalData.CUSTOMER_ID)).willReturn(true);

		MvcTestResult result = this.mvc.post().uri("/portal/devices/registrations").with(csrf()).exchange();

		assertThat(result).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/portal/devices");
		verify(this.registrations, never()).open(TestPortalData.CUSTOMER_ID);
	}

	@Test
	void openWhenCustomerDisabledThenForbiddenAndNothingOpened() {
		given(this.customers.findById(TestPortalData.CUSTOMER_ID))
			.willReturn(Optional.of(TestPortalData.disabledCustomer()));

		MvcTestResult result = this.mvc.post().uri("/portal/devices/registrations").with(csrf()).exchange();

		assertThat(result).hasStatus(HttpStatus.FORBIDDEN).hasViewName("error/403");
		verifyNoInteractions(this.registrations);
	}

	@Test
	void showWhenOpenThenShowsQrImageJsonAndExpiry() {
		DiscoveryData data = openRegistration();
		given(this.registrations.findOpen(TestPortalData.CUSTOMER_ID, "dev-new")).willReturn(Optional.of(data));

		MvcTestResult result = this.mvc.get().uri("/portal/devices/registrations/dev-new").exchange();

		assertThat(result).hasStatusOk().hasViewName("portal/registration");
		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//img[@id='qr-code']/@src")).isEqualTo("/portal/devices/registrations/dev-new/qr.png");
		assertThat(page.text("//img[@id='qr-code']/@alt")).isEqualTo("QR code that registers your phone");
		assertThat(page.count("//img[@id='qr-code']/@width | //img[@id='qr-code']/@height")).isZero();
		assertThat(page.rawText("//pre[@id='discovery-json']")).isEqualTo(JSON);
		assertThat(page.text("//*[@id='expires-at']"))
			.isEqualTo("This code expires at 2030-01-02 10:02:30 UTC (150 seconds left)");
		assertThat(page.text("//span[@id='expires-in']/@data-expires-at")).isEqualTo("2030-01-02T10:02:30Z");
		assertThat(page.text("//span[@id='expires-in']/@data-template-many")).isEqualTo("({n} seconds left)");
		assertThat(page.text("//span[@id='expires-in']/@data-template-one")).isEqualTo("(1 second left)");
		assertThat(page.text("//span[@id='expires-in']/@data-template-expired")).isEqualTo("(expired)");
		assertThat(page.text("//form[@id='new-code-form']/@action")).isEqualTo("/portal/devices/registrations");
		assertThat(page.text("//form[@id='new-code-form']/input[@type='hidden']/@name")).isEqualTo("_csrf");
		assertThat(page.text("//script/@src")).isEqualTo("/portal/assets/countdown.js");
		assertThat(page.text("//time[@id='expires-at-instant']/@datetime")).isEqualTo("2030-01-02T10:02:30Z");
		assertThat(page.text("//a[@id='back-to-devices']/@href")).isEqualTo("/portal/devices");
	}

	@Test
	void showWhenOneSecondLeftThenSaysSecondInSingular() {
		DiscoveryData data = TestPortalData.discoveryData("dev-new", TestPortalData.NOW.plusSeconds(1), JSON);
		given(this.registrations.findOpen(TestPortalData.CUSTOMER_ID, "dev-new")).willReturn(Optional.of(data));

		MvcTestResult result = this.mvc.get().uri("/portal/devices/registrations/dev-new").exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//*[@id='expires-in']")).isEqualTo("(1 second left)");
	}

	@Test
	void showWhenUnknownExpiredUsedOrForeignThenNotFound() {
		given(this.registrations.findOpen(TestPortalData.CUSTOMER_ID, "dev-other")).willReturn(Optional.empty());

		MvcTestResult result = this.mvc.get().uri("/portal/devices/registrations/dev-other").exchange();

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasViewName("error/404");
	}

	@Test
	void showWhenExpiryReachedByClockThenNotFound() {
		DiscoveryData data = TestPortalData.discoveryData("dev-new", TestPortalData.NOW, JSON);
		given(this.registrations.findOpen(TestPortalData.CUSTOMER_ID, "dev-new")).willReturn(Optional.of(data));

		MvcTestResult result = this.mvc.get().uri("/portal/devices/registrations/dev-new").exchange();

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasViewName("error/404");
	}

	@Test
	void qrCodeWhenOpenThenPngThatNoCacheKeeps() {
		DiscoveryData data = openRegistration();
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3 };
		given(this.registrations.findOpen(TestPortalData.CUSTOMER_ID, "dev-new")).willReturn(Optional.of(data));
		given(this.registrations.qrPng(data)).willReturn(png);

		MvcTestResult result = this.mvc.get().uri("/portal/devices/registrations/dev-new/qr.png").exchange();

		assertThat(result).hasStatusOk().hasContentType("image/png");
		assertThat(result).headers().hasValue("Cache-Control", "no-store");
		assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(png);
	}

	@Test
	void qrCodeWhenNotOpenForCustomerThenNotFound() {
		given(this.registrations.findOpen(TestPortalData.CUSTOMER_ID, "dev-other")).willReturn(Optional.empty());

		MvcTestResult result = this.mvc.get().uri("/portal/devices/registrations/dev-other/qr.png").exchange();

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(result.getResponse().getContentType()).doesNotStartWith("image/png");
	}

	@Test
	void showWhenWso2V1ProfileOffThenOnlyTheGenerationTwoCode() {
		DiscoveryData data = openRegistration();
		given(this.registrations.findOpen(TestPortalData.CUSTOMER_ID, "dev-new")).willReturn(Optional.of(data));
		given(this.registrations.wso2V1Json(data)).willReturn(Optional.empty());

		MvcTestResult result = this.mvc.get().uri("/portal/devices/registrations/dev-new").exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.count("//*[@id='wso2-v1-registration']")).isZero();
		assertThat(page.count("//img")).isEqualTo(1);
	}

	@Test
	void showWhenWso2V1ProfileOnThenAlsoTheGenerationOneCodeAndJson() {
		DiscoveryData data = openRegistration();
		given(this.registrations.findOpen(TestPortalData.CUSTOMER_ID, "dev-new")).willReturn(Optional.of(data));
		given(this.registrations.wso2V1Json(data)).willReturn(Optional.of(WSO2_V1_JSON));

		MvcTestResult result = this.mvc.get().uri("/portal/devices/registrations/dev-new").exchange();

		assertThat(result).hasStatusOk();
		HtmlPage page = HtmlPage.of(result);
		assertThat(page.rawText("//pre[@id='discovery-json']")).isEqualTo(JSON);
		assertThat(page.text("//img[@id='qr-code-wso2-v1']/@src"))
			.isEqualTo("/portal/devices/registrations/dev-new/qr-wso2-v1.png");
		assertThat(page.text("//img[@id='qr-code-wso2-v1']/@alt"))
			.isEqualTo("QR code that registers your phone in an app of the older generation");
		assertThat(page.text("//*[@id='wso2-v1-heading']")).isEqualTo("Using the older WSO2 Verify app?");
		assertThat(page.rawText("//pre[@id='discovery-json-wso2-v1']")).isEqualTo(WSO2_V1_JSON);
	}

	@Test
	void wso2V1QrCodeWhenProfileOnThenPngThatNoCacheKeeps() {
		DiscoveryData data = openRegistration();
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 4, 5, 6 };
		given(this.registrations.findOpen(TestPortalData.CUSTOMER_ID, "dev-new")).willReturn(Optional.of(data));
		given(this.registrations.wso2V1QrPng(data)).willReturn(Optional.of(png));

		MvcTestResult result = this.mvc.get().uri("/portal/devices/registrations/dev-new/qr-wso2-v1.png").exchange();

		assertThat(result).hasStatusOk().hasContentType("image/png");
		assertThat(result).headers().hasValue("Cache-Control", "no-store");
		assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(png);
	}

	@Test
	void wso2V1QrCodeWhenProfileOffThenNotFound() {
		DiscoveryData data = openRegistration();
		given(this.registrations.findOpen(TestPortalData.CUSTOMER_ID, "dev-new")).willReturn(Optional.of(data));
		given(this.registrations.wso2V1QrPng(data)).willReturn(Optional.empty());

		MvcTestResult result = this.mvc.get().uri("/portal/devices/registrations/dev-new/qr-wso2-v1.png").exchange();

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasViewName("error/404");
	}

	@Test
	void wso2V1QrCodeWhenNotOpenForCustomerThenNotFound() {
		given(this.registrations.findOpen(TestPortalData.CUSTOMER_ID, "dev-other")).willReturn(Optional.empty());

		MvcTestResult result = this.mvc.get().uri("/portal/devices/registrations/dev-other/qr-wso2-v1.png").exchange();

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND);
		verify(this.registrations, never()).wso2V1QrPng(any());
	}

	private static DiscoveryData openRegistration() {
		return TestPortalData.discoveryData("dev-new", EXPIRES_AT, JSON);
	}

}
