package dev.ciba.push.limits;

import dev.ciba.push.TestDatabase;

class H2DeviceLimitsTest extends DeviceLimitsSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}
