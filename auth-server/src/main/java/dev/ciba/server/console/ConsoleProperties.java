package dev.ciba.server.console;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ciba.console.*}: the operator accounts seeded at start-up. Kept apart from
 * customers and clients because operators are a role of their own.
 */
@ConfigurationProperties("ciba.console")
public class ConsoleProperties {

	private List<SeedOperator> operators = new ArrayList<>();

	public List<SeedOperator> getOperators() {
		return this.operators;
	}

	public void setOperators(List<SeedOperator> operators) {
		this.operators = operators;
	}

	/**
	 * One operator account: a username and a password in clear or as a {@code {bcrypt}}
	 * hash.
	 */
	public static class SeedOperator {

		private String username;

		private String password;

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

	}

}
