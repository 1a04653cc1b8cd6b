package dev.ciba.portal;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The configuration that the portal's slice tests start from.
 */
@SpringBootApplication
class PortalTestApplication {

}
