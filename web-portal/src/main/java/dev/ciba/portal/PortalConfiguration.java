package dev.ciba.portal;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the portal's controllers and MVC set-up to an application. The application must
 * provide the push module's {@code DeviceRegistrations}, {@code DeviceDirectory} and
 * {@code CustomerDirectory}, the portal's own {@link UserCodes}, {@link CustomerActivity}
 * and {@link CustomerGrants}, a {@link java.time.Clock}, and the security filter chain
 * for {@code /portal/**}. The portal provides the application's {@code LocaleResolver}
 * (English and German, chosen by the browser's languages or the {@code lang} link of the
 * page header).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = PortalConfiguration.class)
public class PortalConfiguration {

}
