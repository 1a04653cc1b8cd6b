package dev.ciba.portal;

import java.util.List;

import dev.ciba.push.api.CustomerDirectory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the portal's argument resolver for {@link CurrentCustomer}, and the locale
 * resolver and language switch (see {@link PortalLocales}), which every page of the
 * application uses, the operators' console included.
 */
@Configuration(proxyBeanMethods = false)
class PortalWebMvcConfigurer implements WebMvcConfigurer {

	private final CustomerDirectory customers;

	private final LocaleResolver localeResolver = PortalLocales.resolver();

	PortalWebMvcConfigurer(CustomerDirectory customers) {
		this.customers = customers;
	}

	@Bean
	LocaleResolver localeResolver() {
		return this.localeResolver;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CurrentCustomerArgumentResolver(this.customers));
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(PortalLocales.switcher(this.localeResolver));
	}

}
