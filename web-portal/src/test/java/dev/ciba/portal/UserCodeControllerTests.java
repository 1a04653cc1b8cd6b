package dev.ciba.portal;

import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.never;
import static org.mockito.ArgumentMatchers.anyString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@WithMockUser(username = TestPortalData.CUSTOMER_ID)
class UserCodeControllerTests extends PortalControllerTest {

	private static final String CODE = "Secret-Code-4711";

	@BeforeEach
	void loggedInCustomer() {
		customerIsKnown();
	}

	@Test
	void showWhenNoUserCodeThenSaysSoAndRendersTheFormWithCsrf() {
		given(this.userCodes.hasUserCode(TestPortalData.CUSTOMER_ID)).willReturn(false);

		MvcTestResult result = this.mvc.get().uri("/portal/user-code").exchange();

		assertThat(result).hasStatusOk().hasViewName("portal/user-code");
		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//h1[@id='user-code-heading']")).isEqualTo("Your user code");
		assertThat(page.text("//p[@id='user-code-status']"))
			.isEqualTo("You have not set a user code yet. Partners that ask for one cannot reach your phone.");
		assertThat(page.text("//form[@id='user-code-form']/@action")).isEqualTo("/portal/user-code");
		assertThat(page.text("//form[@id='user-code-form']/@method")).isEqualTo("post");
		assertThat(page.text("//form[@id='user-code-form']/input[@type='hidden']/@name")).isEqualTo("_csrf");
		assertThat(page.text("//input[@id='new-code']/@name")).isEqualTo("newCode");
		assertThat(page.text("//input[@id='new-code']/@type")).isEqualTo("password");
		assertThat(page.text("//input[@id='new-code']/@minlength")).isEqualTo("4");
		assertThat(page.text("//input[@id='new-code']/@maxlength")).isEqualTo("32");
		assertThat(page.text("//input[@id='confirmation']/@name")).isEqualTo("confirmation");
		assertThat(page.text("//input[@id='confirmation']/@type")).isEqualTo("password");
		assertThat(page.text("//p[@id='user-code-rule']"))
			.isEqualTo("4 to 32 characters: letters, digits and punctuation, no spaces.");
		assertThat(page.text("//button[@id='save-user-code']")).isEqualTo("Save user code");
		assertThat(page.text("//a[@id='back-to-devices']/@href")).isEqualTo("/portal/devices");
		assertThat(page.count("//*[@id='user-code-error']")).isZero();
		assertThat(page.count("//*[@id='flash-message']")).isZero();
	}

	@Test
	void showWhenUserCodeSetThenSaysSoWithoutShowingIt() {
		given(this.userCodes.hasUserCode(TestPortalData.CUSTOMER_ID)).willReturn(true);

		MvcTestResult result = this.mvc.get().uri("/portal/user-code").exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//p[@id='user-code-status']"))
			.isEqualTo("You have set a user code. Saving a new one replaces it and ends any lock-out.");
		assertThat(page.count("//input[@value and @type='password']")).isZero();
	}

	@Test
	void showWhenJustSavedThenShowsFlashMessage() {
		given(this.userCodes.hasUserCode(TestPortalData.CUSTOMER_ID)).willReturn(true);

		MvcTestResult result = this.mvc.get()
			.uri("/portal/user-code")
			.flashAttr(UserCodeController.SAVED_FLASH, true)
			.exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//p[@id='flash-message']")).isEqualTo("Your user code was saved.");
	}

	@Test
	void saveWhenCodeFollowsTheRuleAndIsConfirmedThenSetsItAndRedirects() {
		MvcTestResult result = this.mvc.post()
			.uri("/portal/user-code")
			.param("newCode", CODE)
			.param("confirmation", CODE)
			.with(csrf())
			.exchange();

		assertThat(result).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/portal/user-code");
		assertThat(result).flash().containsEntry(UserCodeController.SAVED_FLASH, true);
		verify(this.userCodes).set(TestPortalData.CUSTOMER_ID, CODE);
	}

	@Test
	void saveWhenConfirmationDiffersThenShowsMismatchAndSetsNothing() {
		MvcTestResult result = this.mvc.post()
			.uri("/portal/user-code")
			.param("newCode", CODE)
			.param("confirmation", CODE + "x")
			.with(csrf())
			.exchange();

		assertThat(result).hasStatusOk().hasViewName("portal/user-code");
		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//div[@id='user-code-error']"))
			.isEqualTo("The two codes are not the same. Type the new user code twice.");
		assertThat(page.source()).doesNotContain(CODE);
		verify(this.userCodes, never()).set(anyString(), anyString());
	}

	@Test
	void saveWhenCodeIsTooShortThenShowsTheRuleAndSetsNothing() {
		MvcTestResult result = this.mvc.post()
			.uri("/portal/user-code")
			.param("newCode", "123")
			.param("confirmation", "123")
			.with(csrf())
			.exchange();

		assertThat(result).hasStatusOk().hasViewName("portal/user-code");
		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//div[@id='user-code-error']")).isEqualTo("The user code is too short.");
		assertThat(page.count("//input[@value and @type='password']")).isZero();
		verify(this.userCodes, never()).set(anyString(), anyString());
	}

	@Test
	void saveWhenCodeIsTooLongThenShowsTheRuleAndSetsNothing() {
		String code = "a".repeat(33);

		MvcTestResult result = this.mvc.post()
			.uri("/portal/user-code")
			.param("newCode", code)
			.param("confirmation", code)
			.with(csrf())
			.exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//div[@id='user-code-error']")).isEqualTo("The user code is too long.");
		assertThat(page.source()).doesNotContain(code);
		verify(this.userCodes, never()).set(anyString(), anyString());
	}

	@Test
	void saveWhenCodeHasASpaceThenShowsTheCharacterRuleAndSetsNothing() {
		MvcTestResult result = this.mvc.post()
			.uri("/portal/user-code")
			.param("newCode", "my code")
			.param("confirmation", "my code")
			.with(csrf())
			.exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//div[@id='user-code-error']"))
			.isEqualTo("Use only letters, digits and punctuation, without spaces or accents.");
		assertThat(page.source()).doesNotContain("my code");
		verify(this.userCodes, never()).set(anyString(), anyString());
	}

	@Test
	void saveWhenNoCodeSentThenTooShort() {
		MvcTestResult result = this.mvc.post().uri("/portal/user-code").with(csrf()).exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//div[@id='user-code-error']")).isEqualTo("The user code is too short.");
		verify(this.userCodes, never()).set(anyString(), anyString());
	}

	@Test
	void saveWhenNoCsrfTokenThenForbiddenAndSetsNothing() {
		MvcTestResult result = this.mvc.post()
			.uri("/portal/user-code")
			.param("newCode", CODE)
			.param("confirmation", CODE)
			.exchange();

		assertThat(result).hasStatus(HttpStatus.FORBIDDEN);
		verifyNoInteractions(this.userCodes);
	}

	@Test
	void saveWhenCustomerDisabledThenForbiddenAndSetsNothing() {
		given(this.customers.findById(TestPortalData.CUSTOMER_ID))
			.willReturn(Optional.of(TestPortalData.disabledCustomer()));

		MvcTestResult result = this.mvc.post()
			.uri("/portal/user-code")
			.param("newCode", CODE)
			.param("confirmation", CODE)
			.with(csrf())
			.exchange();

		assertThat(result).hasStatus(HttpStatus.FORBIDDEN).hasViewName("error/403");
		verifyNoInteractions(this.userCodes);
	}

}
