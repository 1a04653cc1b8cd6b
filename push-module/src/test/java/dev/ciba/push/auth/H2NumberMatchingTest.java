package dev.ciba.push.auth;

import dev.ciba.push.TestDatabase;

class H2NumberMatchingTest extends NumberMatchingSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}
