package dev.ciba.push.registration;

import dev.ciba.push.TestDatabase;

class H2RegistrationTest extends RegistrationSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}
