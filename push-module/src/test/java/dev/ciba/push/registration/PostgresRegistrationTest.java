package dev.ciba.push.registration;

import dev.ciba.push.TestDatabase;

class PostgresRegistrationTest extends RegistrationSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}
