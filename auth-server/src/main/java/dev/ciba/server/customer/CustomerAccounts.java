package dev.ciba.server.customer;

import java.util.Optional;

import dev.ciba.push.api.CustomerDirectory;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Customers as the portal's login and the push module see them.
 * <p>
 * The portal's principal name is the customer's opaque id, not the name typed at login,
 * so that every module refers to customers by one stable identifier.
 */
@Service
public class CustomerAccounts implements UserDetailsService, CustomerDirectory {

	/**
	 * The role of a customer logged in to the portal.
	 */
	public static final String CUSTOMER_ROLE = "CUSTOMER";

	private final CustomerRepository customers;

	CustomerAccounts(CustomerRepository customers) {
		this.customers = customers;
	}

	@Override
	public UserDetails loadUserByUsername(String loginName) {
		Customer customer = this.customers.findByLoginName(loginName)
			.orElseThrow(() -> new UsernameNotFoundException("No such customer"));
		return User.withUsername(customer.id())
			.password(customer.passwordHash())
			.disabled(!customer.enabled())
			.roles(CUSTOMER_ROLE)
			.build();
	}

	@Override
	public Optional<CustomerRef> findById(String customerId) {
		return this.customers.findById(customerId)
			.map((customer) -> new CustomerRef(customer.id(), customer.username(), customer.enabled()));
	}

}
