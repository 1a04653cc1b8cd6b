package dev.ciba.portal;

import java.util.List;

import dev.ciba.push.api.CustomerDirectory;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the portal's argument resolver for {@link CurrentCustomer}.
 */
@Configuration(proxyBeanMethods = false)
class PortalWebMvcConfigurer implements WebMvcConfigurer {

	private final CustomerDirectory customers;

	PortalWebMvcConfigurer(CustomerDirectory customers) {
		this.customers = customers;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CurrentCustomerArgumentResolver(this.customers));
	}

}
