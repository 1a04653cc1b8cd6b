package dev.ciba.portal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller parameter of type
 * {@link dev.ciba.push.api.CustomerDirectory.CustomerRef} that receives the logged-in,
 * enabled customer. Requests without one end on the 403 page.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CurrentCustomer {

}
