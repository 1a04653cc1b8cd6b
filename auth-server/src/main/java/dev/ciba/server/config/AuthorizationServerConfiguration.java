package dev.ciba.server.config;

import java.math.BigDecimal;
import java.math.BigInteger;

import dev.ciba.server.client.ParsedClients;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * The stores of Spring Authorization Server, all in the database, and its settings.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	@Bean
	AuthorizationServerSettings authorizationServerSettings(CibaProperties properties) {
		return AuthorizationServerSettings.builder().issuer(properties.getIssuer()).build();
	}

	@Bean
	@DependsOnDatabaseInitialization
	RegisteredClientRepository registeredClientRepository(JdbcOperations jdbc) {
		JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(jdbc);
		clients.setRegisteredClientRowMapper(
				new ParsedClients(new JdbcRegisteredClientRepository.JsonMapperRegisteredClientRowMapper()));
		return clients;
	}

	// The JDBC authorization service reads the table's column types when it is created,
	// so the migrations must
	// have run before.
	@Bean
	@DependsOnDatabaseInitialization
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, RegisteredClientRepository clients) {
		JdbcOAuth2AuthorizationService service = new JdbcOAuth2AuthorizationService(jdbc, clients);
		JsonMapper json = authorizationJson();
		service.setAuthorizationRowMapper(
				new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper(clients, json));
		service.setAuthorizationParametersMapper(
				new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationParametersMapper(json));
		return service;
	}

	// The store's own mapper, whose allow-list of types also takes the numbers an access
	// token's authorization_details (RFC 9396) may hold: the claims are stored with the
	// token and read back for introspection and refresh, and the default list refuses
	// Long, BigInteger and BigDecimal.
	private static JsonMapper authorizationJson() {
		BasicPolymorphicTypeValidator.Builder types = BasicPolymorphicTypeValidator.builder()
			.allowIfSubType(Long.class)
			.allowIfSubType(BigInteger.class)
			.allowIfSubType(BigDecimal.class);
		return JsonMapper.builder()
			.addModules(
					SecurityJacksonModules.getModules(AuthorizationServerConfiguration.class.getClassLoader(), types))
			.build();
	}

	@Bean
	@DependsOnDatabaseInitialization
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}

}
