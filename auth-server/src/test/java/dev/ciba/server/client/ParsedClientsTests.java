package dev.ciba.server.client;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedClientsTests {

	private final EmbeddedDatabase database = new EmbeddedDatabaseBuilder().generateUniqueName(true)
		.setType(EmbeddedDatabaseType.H2)
		.addScript(
				"org/springframework/security/oauth2/server/authorization/client/oauth2-registered-client-schema.sql")
		.build();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.database);

	private final JdbcRegisteredClientRepository clients = repository(this.jdbc);

	@AfterEach
	void shutDown() {
		this.database.shutdown();
	}

	@Test
	void findWhenTheRowIsUnchangedThenTheParsedClientIsReused() {
		this.clients.save(client("bank-app", "Bank app"));

		RegisteredClient first = this.clients.findByClientId("bank-app");
		RegisteredClient second = this.clients.findByClientId("bank-app");

		assertThat(first.getClientName()).isEqualTo("Bank app");
		assertThat(second).isSameAs(first);
		assertThat(this.clients.findById(first.getId())).isSameAs(first);
	}

	@Test
	void findWhenAnotherNodeChangedTheRowThenTheChangeIsSeenAtOnce() {
		this.clients.save(client("bank-app", "Bank app"));
		RegisteredClient before = this.clients.findByClientId("bank-app");
		// Another node (or the console) changes the row without going through this
		// repository's mapper.
		JdbcRegisteredClientRepository otherNode = new JdbcRegisteredClientRepository(this.jdbc);
		otherNode.save(RegisteredClient.from(before)
			.clientSecret("{noop}rotated-secret")
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(2)).build())
			.build());

		RegisteredClient after = this.clients.findByClientId("bank-app");

		assertThat(after).isNotSameAs(before);
		assertThat(after.getClientSecret()).isEqualTo("{noop}rotated-secret");
		assertThat(after.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(2));
		assertThat(before.getClientSecret()).isEqualTo("{noop}first-secret-of-bank-app");
	}

	@Test
	void findWhenTwoClientsThenEachGetsItsOwnParsedClient() {
		this.clients.save(client("bank-app", "Bank app"));
		this.clients.save(client("shop-app", "Shop app"));

		assertThat(this.clients.findByClientId("bank-app").getClientName()).isEqualTo("Bank app");
		assertThat(this.clients.findByClientId("shop-app").getClientName()).isEqualTo("Shop app");
		assertThat(this.clients.findByClientId("bank-app").getClientName()).isEqualTo("Bank app");
		assertThat(this.clients.findByClientId("nobody")).isNull();
	}

	@Test
	void findWhenANewRowHasTheIdOfADeletedOneThenTheNewRowIsParsed() {
		RegisteredClient saved = client("bank-app", "Bank app");
		this.clients.save(saved);
		this.clients.findByClientId("bank-app");
		this.jdbc.update("DELETE FROM oauth2_registered_client WHERE id = ?", saved.getId());
		this.clients.save(RegisteredClient.from(saved).clientName("Bank app, again").build());

		assertThat(this.clients.findByClientId("bank-app").getClientName()).isEqualTo("Bank app, again");
	}

	private static JdbcRegisteredClientRepository repository(JdbcTemplate jdbc) {
		JdbcRegisteredClientRepository repository = new JdbcRegisteredClientRepository(jdbc);
		repository.setRegisteredClientRowMapper(
				new ParsedClients(new JdbcRegisteredClientRepository.JsonMapperRegisteredClientRowMapper()));
		return repository;
	}

	private static RegisteredClient client(String clientId, String name) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientSecret("{noop}first-secret-of-" + clientId)
			.clientName(name)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("openid")
			.build();
	}

}
