package dev.ciba.portal;

import java.util.List;
import java.util.Optional;

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
class DevicesControllerTests extends PortalControllerTest {

	@BeforeEach
	void loggedInCustomer() {
		customerIsKnown();
	}

	@Test
	void listWhenDevicesThenShowsUsernameAndEveryDevice() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID))
			.willReturn(List.of(TestPortalData.device("dev-1", "Work phone"),
					TestPortalData.pullOnlyDeviceNeverUsed("dev-2", "Old phone")));

		MvcTestResult result = this.mvc.get().uri("/portal/devices").exchange();

		assertThat(result).hasStatusOk().hasViewName("portal/devices");
		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//*[@id='customer-username']")).isEqualTo("alice");
		assertThat(page.count("//table[@id='devices']/tbody/tr")).isEqualTo(2);
		String first = "//tr[@id='device-dev-1']";
		assertThat(page.text(first + "/td[@class='device-name']")).isEqualTo("Work phone");
		assertThat(page.text(first + "/td[@class='device-model']")).isEqualTo("Pixel 8");
		assertThat(page.text(first + "/td[@class='device-registered']")).isEqualTo("2030-01-01 08:15 UTC");
		assertThat(page.text(first + "/td[@class='device-registered']/time/@datetime"))
			.isEqualTo("2030-01-01T08:15:30Z");
		assertThat(page.text(first + "/td[@class='device-last-used']")).isEqualTo("2030-01-02 09:45 UTC");
		assertThat(page.count("//*[@id='pull-only-dev-1']")).isZero();
		String second = "//tr[@id='device-dev-2']";
		assertThat(page.text(second + "/td[@class='device-name']/span[@class='name']")).isEqualTo("Old phone");
		assertThat(page.text("//span[@id='pull-only-dev-2']")).isEqualTo("pull only");
		assertThat(page.text(second + "/td[@class='device-last-used']")).isEqualTo("never");
		assertThat(page.count("//*[@id='no-devices']")).isZero();
	}

	@Test
	void listWhenPushesStoppedReachingADeviceThenMarkedUnreachableNotPullOnly() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID))
			.willReturn(List.of(TestPortalData.unreachableDevice("dev-3", "Old phone")));

		HtmlPage page = HtmlPage.of(this.mvc.get().uri("/portal/devices").exchange());

		assertThat(page.text("//span[@id='unreachable-dev-3']")).isEqualTo("unreachable");
		assertThat(page.count("//*[@id='pull-only-dev-3']")).isZero();
	}

	@Test
	void listWhenDevicesThenEveryRowLinksToRenameAndRemovalConfirmation() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID))
			.willReturn(List.of(TestPortalData.device("dev-1", "Work phone")));

		MvcTestResult result = this.mvc.get().uri("/portal/devices").exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.count("//tr[@id='device-dev-1']//form")).isZero();
		assertThat(page.text("//a[@id='remove-dev-1']/@href")).isEqualTo("/portal/devices/dev-1/remove");
		assertThat(page.text("//a[@id='remove-dev-1']")).isEqualTo("Remove");
		assertThat(page.text("//a[@id='remove-dev-1']/@aria-label")).isEqualTo("Remove the phone Work phone");
		assertThat(page.text("//a[@id='rename-dev-1']/@href")).isEqualTo("/portal/devices/dev-1/rename");
		assertThat(page.text("//a[@id='rename-dev-1']/@aria-label")).isEqualTo("Rename the phone Work phone");
		assertThat(page.text("//form[@id='register-form']/@action")).isEqualTo("/portal/devices/registrations");
		assertThat(page.text("//button[@id='register-device']")).isEqualTo("Register a new phone");
		assertThat(page.text("//form[@id='logout-form']/@action")).isEqualTo("/portal/logout");
		assertThat(page.text("//form[@id='logout-form']/input[@type='hidden']/@name")).isEqualTo("_csrf");
		assertThat(page.text("//button[@id='logout']")).isEqualTo("Log out");
	}

	@Test
	void listWhenRenderedThenHeaderLinksToEveryPortalPage() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID)).willReturn(List.of());

		MvcTestResult result = this.mvc.get().uri("/portal/devices").exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//a[@id='nav-devices']/@href")).isEqualTo("/portal/devices");
		assertThat(page.text("//a[@id='nav-activity']/@href")).isEqualTo("/portal/activity");
		assertThat(page.text("//a[@id='nav-grants']/@href")).isEqualTo("/portal/grants");
		assertThat(page.text("//a[@id='nav-user-code']/@href")).isEqualTo("/portal/user-code");
		assertThat(page.text("//a[@id='nav-user-code']")).isEqualTo("User code");
		assertThat(page.text("//nav[@id='portal-nav']/@aria-label")).isEqualTo("Portal");
	}

	@Test
	void listWhenDeviceNameContainsMarkupThenEscapesIt() {
		String name = "<script>alert('x')</script>";
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID))
			.willReturn(List.of(TestPortalData.device("dev-1", name)));

		MvcTestResult result = this.mvc.get().uri("/portal/devices").exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.source()).doesNotContain("<script>")
			.contains("<span class=\"name\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</span>");
		assertThat(page.rawText("//tr[@id='device-dev-1']/td[@class='device-name']/span[@class='name']"))
			.isEqualTo(name);
		assertThat(page.count("//script")).isZero();
	}

	@Test
	void listWhenNoDevicesThenShowsEmptyMessage() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID)).willReturn(List.of());

		MvcTestResult result = this.mvc.get().uri("/portal/devices").exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//p[@id='no-devices']")).isEqualTo("You have not registered a phone yet.");
		assertThat(page.count("//table[@id='devices']")).isZero();
		assertThat(page.count("//button[@id='register-device']")).isOne();
	}

	@Test
	void listWhenDeviceLimitReachedThenSaysSoInsteadOfOfferingANewQrCode() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID)).willReturn(
				List.of(TestPortalData.device("dev-1", "Work phone"), TestPortalData.device("dev-2", "Tablet")));
		given(this.registrations.deviceLimitReached(TestPortalData.CUSTOMER_ID)).willReturn(true);
		given(this.registrations.maxDevicesPerCustomer()).willReturn(2);

		HtmlPage page = HtmlPage.of(this.mvc.get().uri("/portal/devices").exchange());

		assertThat(page.count("//form[@id='register-form']")).isZero();
		assertThat(page.count("//button[@id='register-device']")).isZero();
		assertThat(page.text("//p[@id='device-limit-reached']"))
			.isEqualTo("You have registered 2 phones, the most allowed. Remove a phone to register another one.");
		assertThat(page.count("//table[@id='devices']/tbody/tr")).isEqualTo(2);
	}

	@Test
	void listWhenLimitIsOnePhoneAndReachedThenSingularMessage() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID))
			.willReturn(List.of(TestPortalData.device("dev-1", "Work phone")));
		given(this.registrations.deviceLimitReached(TestPortalData.CUSTOMER_ID)).willReturn(true);
		given(this.registrations.maxDevicesPerCustomer()).willReturn(1);

		HtmlPage page = HtmlPage.of(this.mvc.get().uri("/portal/devices").exchange());

		assertThat(page.text("//p[@id='device-limit-reached']"))
			.isEqualTo("You can register one phone, and it is registered. Remove a phone to register another one.");
	}

	@Test
	void listWhenBelowTheLimitThenOffersRegistrationAndNoLimitMessage() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID))
			.willReturn(List.of(TestPortalData.device("dev-1", "Work phone")));
		given(this.registrations.maxDevicesPerCustomer()).willReturn(5);

		HtmlPage page = HtmlPage.of(this.mvc.get().uri("/portal/devices").exchange());

		assertThat(page.count("//button[@id='register-device']")).isOne();
		assertThat(page.count("//*[@id='device-limit-reached']")).isZero();
	}

	@Test
	void listWhenDeviceWasJustRemovedThenShowsFlashMessage() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID)).willReturn(List.of());

		MvcTestResult result = this.mvc.get()
			.uri("/portal/devices")
			.flashAttr(DevicesController.REMOVED_FLASH, true)
			.exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//p[@id='flash-message']"))
			.isEqualTo("The phone was removed. It can no longer approve sign-ins.");
	}

	@Test
	void listWhenCustomerDisabledThenForbidden() {
		given(this.customers.findById(TestPortalData.CUSTOMER_ID))
			.willReturn(Optional.of(TestPortalData.disabledCustomer()));

		MvcTestResult result = this.mvc.get().uri("/portal/devices").exchange();

		assertThat(result).hasStatus(HttpStatus.FORBIDDEN).hasViewName("error/403");
		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//h1[@id='error-heading']")).isEqualTo("Not allowed");
		verifyNoInteractions(this.devices);
	}

	@Test
	void listWhenCustomerUnknownThenForbidden() {
		given(this.customers.findById(TestPortalData.CUSTOMER_ID)).willReturn(Optional.empty());

		MvcTestResult result = this.mvc.get().uri("/portal/devices").exchange();

		assertThat(result).hasStatus(HttpStatus.FORBIDDEN).hasViewName("error/403");
		verifyNoInteractions(this.devices);
	}

	@Test
	void removeWhenOwnDeviceThenRemovesAndRedirectsWithFlash() {
		given(this.devices.remove(TestPortalData.CUSTOMER_ID, "dev-1")).willReturn(true);

		MvcTestResult result = this.mvc.post().uri("/portal/devices/dev-1/remove").with(csrf()).exchange();

		assertThat(result).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/portal/devices");
		assertThat(result).flash().containsEntry(DevicesController.REMOVED_FLASH, true);
		verify(this.devices).remove(TestPortalData.CUSTOMER_ID, "dev-1");
	}

	@Test
	void removeWhenAnotherCustomersDeviceThenNotFound() {
		given(this.devices.remove(TestPortalData.CUSTOMER_ID, "dev-of-bob")).willReturn(false);

		MvcTestResult result = this.mvc.post().uri("/portal/devices/dev-of-bob/remove").with(csrf()).exchange();

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasViewName("error/404");
		assertThat(result).flash().isEmpty();
		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//h1[@id='error-heading']")).isEqualTo("Page not found");
		assertThat(page.text("//p[@id='error-text']"))
			.isEqualTo("This page does not exist, has expired, or is not yours.");
		verify(this.devices).remove(TestPortalData.CUSTOMER_ID, "dev-of-bob");
	}

	@Test
	void removeWhenDeviceIdMalformedThenNotFoundWithoutAskingDirectory() {
		MvcTestResult result = this.mvc.post().uri("/portal/devices/dev*1/remove").with(csrf()).exchange();

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasViewName("error/404");
		verifyNoInteractions(this.devices);
	}

	@Test
	void removeWhenNoCsrfTokenThenForbidden() {
		MvcTestResult result = this.mvc.post().uri("/portal/devices/dev-1/remove").exchange();

		assertThat(result).hasStatus(HttpStatus.FORBIDDEN);
		verifyNoInteractions(this.devices);
	}

	@Test
	void listWhenDevicesThenShowsProtocolGenerationAndState() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID)).willReturn(List
			.of(TestPortalData.device("dev-1", "Work phone"), TestPortalData.unreachableDevice("dev-3", "Old phone")));

		HtmlPage page = HtmlPage.of(this.mvc.get().uri("/portal/devices").exchange());

		assertThat(page.text("//tr[@id='device-dev-1']/td[@class='device-protocol']")).isEqualTo("Generation 2 (push)");
		assertThat(page.text("//span[@id='active-dev-1']")).isEqualTo("active");
		assertThat(page.text("//tr[@id='device-dev-3']/td[@class='device-protocol']"))
			.isEqualTo("Generation 1 (push-auth)");
		assertThat(page.count("//span[@id='active-dev-3']")).isZero();
		assertThat(page.text("//span[@id='unreachable-dev-3']")).isEqualTo("unreachable");
	}

	@Test
	void confirmRemovalWhenOwnDeviceThenShowsItWithAConfirmForm() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID))
			.willReturn(List.of(TestPortalData.device("dev-1", "<b>Work</b> phone")));

		MvcTestResult result = this.mvc.get().uri("/portal/devices/dev-1/remove").exchange();

		assertThat(result).hasStatusOk().hasViewName("portal/device-remove");
		HtmlPage page = HtmlPage.of(result);
		assertThat(page.rawText("//strong[@id='remove-device-name']")).isEqualTo("<b>Work</b> phone");
		assertThat(page.text("//form[@id='remove-form']/@action")).isEqualTo("/portal/devices/dev-1/remove");
		assertThat(page.text("//form[@id='remove-form']/@method")).isEqualTo("post");
		assertThat(page.text("//form[@id='remove-form']/input[@type='hidden']/@name")).isEqualTo("_csrf");
		assertThat(page.text("//a[@id='cancel-remove']/@href")).isEqualTo("/portal/devices");
		verify(this.devices, never()).remove(TestPortalData.CUSTOMER_ID, "dev-1");
	}

	@Test
	void confirmRemovalWhenAnotherCustomersDeviceThenNotFound() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID))
			.willReturn(List.of(TestPortalData.device("dev-1", "Work phone")));

		MvcTestResult result = this.mvc.get().uri("/portal/devices/dev-of-bob/remove").exchange();

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasViewName("error/404");
	}

	@Test
	void renameFormWhenOwnDeviceThenPrefilledWithItsName() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID))
			.willReturn(List.of(TestPortalData.device("dev-1", "Work phone")));

		MvcTestResult result = this.mvc.get().uri("/portal/devices/dev-1/rename").exchange();

		assertThat(result).hasStatusOk().hasViewName("portal/device-rename");
		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//input[@id='device-name']/@value")).isEqualTo("Work phone");
		assertThat(page.text("//input[@id='device-name']/@maxlength")).isEqualTo("100");
		assertThat(page.text("//label[@for='device-name']")).isEqualTo("New name");
		assertThat(page.text("//form[@id='rename-form']/@action")).isEqualTo("/portal/devices/dev-1/rename");
		assertThat(page.text("//form[@id='rename-form']/input[@type='hidden']/@name")).isEqualTo("_csrf");
	}

	@Test
	void renameWhenValidNameThenTrimmedStoredAndRedirectsWithFlash() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID))
			.willReturn(List.of(TestPortalData.device("dev-1", "Work phone")));
		given(this.devices.rename(TestPortalData.CUSTOMER_ID, "dev-1", "Private phone")).willReturn(true);

		MvcTestResult result = this.mvc.post()
			.uri("/portal/devices/dev-1/rename")
			.param("name", "  Private phone ")
			.with(csrf())
			.exchange();

		assertThat(result).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/portal/devices");
		assertThat(result).flash().containsEntry(DevicesController.RENAMED_FLASH, true);
		verify(this.devices).rename(TestPortalData.CUSTOMER_ID, "dev-1", "Private phone");
	}

	@Test
	void renameWhenNameHasControlCharacterOrIsTooLongThenFormAgainWithErrorAndNothingStored() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID))
			.willReturn(List.of(TestPortalData.device("dev-1", "Work phone")));

		for (String name : List.of("Bad\u0007name", "Right\u202Eleft", "x".repeat(101), "   ")) {
			MvcTestResult result = this.mvc.post()
				.uri("/portal/devices/dev-1/rename")
				.param("name", name)
				.with(csrf())
				.exchange();

			assertThat(result).as(name).hasStatus(HttpStatus.BAD_REQUEST).hasViewName("portal/device-rename");
			assertThat(HtmlPage.of(result).text("//p[@id='rename-error']"))
				.isEqualTo("This name cannot be used. Give 1 to 100 characters, without control characters.");
		}
		verify(this.devices, never()).rename(any(), any(), any());
	}

	@Test
	void renameWhenAnotherCustomersDeviceThenNotFoundAndNothingRenamed() {
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID))
			.willReturn(List.of(TestPortalData.device("dev-1", "Work phone")));

		MvcTestResult result = this.mvc.post()
			.uri("/portal/devices/dev-of-bob/rename")
			.param("name", "Mine now")
			.with(csrf())
			.exchange();

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasViewName("error/404");
		verify(this.devices, never()).rename(any(), any(), any());
	}

	@Test
	void renameWhenNoCsrfTokenThenForbiddenAndNothingRenamed() {
		MvcTestResult result = this.mvc.post().uri("/portal/devices/dev-1/rename").param("name", "New").exchange();

		assertThat(result).hasStatus(HttpStatus.FORBIDDEN);
		verifyNoInteractions(this.devices);
	}

}
