package dev.ciba.portal;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

@WithMockUser(username = TestPortalData.CUSTOMER_ID)
class PortalLocaleTests extends PortalControllerTest {

	@BeforeEach
	void loggedInCustomerWithoutDevices() {
		customerIsKnown();
		given(this.devices.activeDevices(TestPortalData.CUSTOMER_ID)).willReturn(List.of());
	}

	@Test
	void pageWhenBrowserPrefersGermanThenGermanWithHtmlLangDe() {
		HtmlPage page = HtmlPage
			.of(this.mvc.get().uri("/portal/devices").header("Accept-Language", "de-CH,de;q=0.9,en;q=0.5").exchange());

		assertThat(page.text("/html/@lang")).isEqualTo("de");
		assertThat(page.text("//h1")).isEqualTo("Ihre Telefone");
		assertThat(page.text("//a[@id='language-switch']")).isEqualTo("English");
		assertThat(page.text("//a[@id='language-switch']/@href")).isEqualTo("?lang=en");
	}

	@Test
	void pageWhenBrowserLanguageUnsupportedThenEnglish() {
		HtmlPage page = HtmlPage
			.of(this.mvc.get().uri("/portal/devices").header("Accept-Language", "fr-FR,fr;q=0.9").exchange());

		assertThat(page.text("/html/@lang")).isEqualTo("en");
		assertThat(page.text("//h1")).isEqualTo("Your phones");
		assertThat(page.text("//a[@id='language-switch']/@href")).isEqualTo("?lang=de");
		assertThat(page.text("//a[@id='language-switch']/@lang")).isEqualTo("de");
	}

	@Test
	void langParameterWhenSupportedThenPageInThatLanguageAndChoiceKeptInACookie() {
		MvcTestResult result = this.mvc.get().uri("/portal/devices?lang=de").header("Accept-Language", "en").exchange();

		assertThat(HtmlPage.of(result).text("//h1")).isEqualTo("Ihre Telefone");
		Cookie cookie = result.getResponse().getCookie(PortalLocales.COOKIE);
		assertThat(cookie).isNotNull();
		assertThat(cookie.getValue()).isEqualTo("de");
		assertThat(cookie.isHttpOnly()).isTrue();

		HtmlPage next = HtmlPage
			.of(this.mvc.get().uri("/portal/devices").header("Accept-Language", "en").cookie(cookie).exchange());

		assertThat(next.text("/html/@lang")).isEqualTo("de");
	}

	@Test
	void langParameterWhenUnsupportedThenIgnored() {
		MvcTestResult result = this.mvc.get().uri("/portal/devices?lang=fr").header("Accept-Language", "en").exchange();

		assertThat(HtmlPage.of(result).text("//h1")).isEqualTo("Your phones");
		assertThat(result.getResponse().getCookie(PortalLocales.COOKIE)).isNull();
	}

	@Test
	void langParameterWhenQueryAlsoHoldsMalformedEscapesThenStillApplied() {
		MvcTestResult result = this.mvc.get()
			.uri(URI.create("/portal/devices?a=%FF&lang=de"))
			.header("Accept-Language", "en")
			.exchange();

		assertThat(result).hasStatusOk();
		assertThat(HtmlPage.of(result).text("//h1")).isEqualTo("Ihre Telefone");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*", "!", "\"><script>", "de_DE_x_%" })
	void languageCookieWhenMalformedThenIgnoredForTheBrowserLanguage(String value) {
		MvcTestResult result = this.mvc.get()
			.uri("/portal/devices")
			.header("Accept-Language", "de")
			.cookie(new Cookie(PortalLocales.COOKIE, value))
			.exchange();

		assertThat(result).hasStatusOk();
		assertThat(HtmlPage.of(result).text("/html/@lang")).isEqualTo("de");
		assertThat(result.getResponse().getHeader("Content-Language")).isEqualTo("de");
	}

	@Test
	void languageCookieWhenUnsupportedLanguageThenBrowserLanguageOrElseEnglish() {
		MvcTestResult result = this.mvc.get()
			.uri("/portal/devices")
			.header("Accept-Language", "fr")
			.cookie(new Cookie(PortalLocales.COOKIE, "fr"))
			.exchange();

		assertThat(result).hasStatusOk();
		assertThat(HtmlPage.of(result).text("/html/@lang")).isEqualTo("en");
		assertThat(HtmlPage.of(result).text("//h1")).isEqualTo("Your phones");
		assertThat(result.getResponse().getHeader("Content-Language")).isEqualTo("en");
	}

}
