package dev.ciba.portal;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

class PortalLoginControllerTests extends PortalControllerTest {

	@Test
	void loginWhenAnonymousThenRendersFormWithCsrfField() {
		MvcTestResult result = this.mvc.get().uri("/portal/login").exchange();

		assertThat(result).hasStatusOk().hasViewName("portal/login");
		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//form[@id='login-form']/@action")).isEqualTo("/portal/login");
		assertThat(page.text("//form[@id='login-form']/@method")).isEqualTo("post");
		assertThat(page.text("//input[@id='username']/@name")).isEqualTo("username");
		assertThat(page.text("//input[@id='username']/@type")).isEqualTo("text");
		assertThat(page.text("//input[@id='password']/@name")).isEqualTo("password");
		assertThat(page.text("//input[@id='password']/@type")).isEqualTo("password");
		assertThat(page.text("//button[@id='login']")).isEqualTo("Log in");
		assertThat(page.text("//form[@id='login-form']/input[@type='hidden']/@name")).isEqualTo("_csrf");
		assertThat(page.text("//form[@id='login-form']/input[@type='hidden']/@value")).isNotBlank();
		assertThat(page.count("//*[@id='login-error']")).isZero();
		assertThat(page.count("//*[@id='logout-message']")).isZero();
		assertThat(page.count("//*[@id='logout']")).isZero();
	}

	@Test
	void loginWhenErrorParameterThenShowsErrorMessage() {
		MvcTestResult result = this.mvc.get().uri("/portal/login?error").exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//p[@id='login-error']"))
			.isEqualTo("The username or the password is wrong, or the account is disabled.");
		assertThat(page.count("//*[@id='logout-message']")).isZero();
	}

	@Test
	void loginWhenLogoutParameterThenShowsLoggedOutMessage() {
		MvcTestResult result = this.mvc.get().uri("/portal/login?logout").exchange();

		HtmlPage page = HtmlPage.of(result);
		assertThat(page.text("//p[@id='logout-message']")).isEqualTo("You have been logged out.");
		assertThat(page.count("//*[@id='login-error']")).isZero();
	}

	@Test
	@WithMockUser(username = TestPortalData.CUSTOMER_ID)
	void homeWhenLoggedInThenRedirectsToDevices() {
		MvcTestResult result = this.mvc.get().uri("/portal").exchange();

		assertThat(result).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/portal/devices");
	}

	@Test
	void devicesWhenAnonymousThenRedirectsToLoginPage() {
		MvcTestResult result = this.mvc.get().uri("/portal/devices").exchange();

		assertThat(result).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/portal/login");
	}

}
