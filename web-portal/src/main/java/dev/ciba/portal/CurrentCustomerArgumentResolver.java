package dev.ciba.portal;

import java.security.Principal;

import dev.ciba.push.api.CustomerDirectory;
import dev.ciba.push.api.CustomerDirectory.CustomerRef;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link CurrentCustomer} parameters: the principal's name is the customer's
 * opaque id. A session whose customer no longer exists or was disabled may not use the
 * portal, even though its login is still valid.
 */
class CurrentCustomerArgumentResolver implements HandlerMethodArgumentResolver {

	private final CustomerDirectory customers;

	CurrentCustomerArgumentResolver(CustomerDirectory customers) {
		this.customers = customers;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(CurrentCustomer.class)
				&& CustomerRef.class.equals(parameter.getParameterType());
	}

	@Override
	public CustomerRef resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		Principal principal = webRequest.getUserPrincipal();
		if (principal == null) {
			throw new PortalAccessDeniedException();
		}
		return this.customers.findById(principal.getName())
			.filter(CustomerRef::enabled)
			.orElseThrow(PortalAccessDeniedException::new);
	}

}
