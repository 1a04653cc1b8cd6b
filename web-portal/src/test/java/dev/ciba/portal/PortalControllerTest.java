package dev.ciba.portal;

import java.util.Optional;

import dev.ciba.push.api.CustomerDirectory;
import dev.ciba.push.api.DeviceDirectory;
import dev.ciba.push.api.DeviceRegistrations;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.mockito.BDDMockito.given;

/**
 * Base of the portal's controller slice tests: the portal's controllers behind the test
 * security set-up, with the ports to the push module and the server mocked.
 */
@WebMvcTest
@Import(PortalTestConfiguration.class)
abstract class PortalControllerTest {

	@Autowired
	protected MockMvcTester mvc;

	@MockitoBean
	protected CustomerDirectory customers;

	@MockitoBean
	protected DeviceDirectory devices;

	@MockitoBean
	protected DeviceRegistrations registrations;

	@MockitoBean
	protected UserCodes userCodes;

	@MockitoBean
	protected CustomerActivity activity;

	@MockitoBean
	protected CustomerGrants grants;

	/**
	 * Makes the customer of {@link TestPortalData#CUSTOMER_ID} known and enabled, for
	 * tests that log in as them.
	 */
	protected void customerIsKnown() {
		given(this.customers.findById(TestPortalData.CUSTOMER_ID)).willReturn(Optional.of(TestPortalData.customer()));
	}

}
