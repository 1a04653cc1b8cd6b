package dev.ciba.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The CIBA provider: OAuth 2.0 and OpenID Connect endpoints, the device API and the
 * customer portal in one process.
 */
@SpringBootApplication(scanBasePackages = "dev.ciba")
@ConfigurationPropertiesScan("dev.ciba.server")
@EnableScheduling
public class CibaServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(CibaServerApplication.class, args);
	}

}
