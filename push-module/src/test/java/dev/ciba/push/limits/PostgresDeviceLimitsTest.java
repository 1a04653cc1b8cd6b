package dev.ciba.push.limits;

import dev.ciba.push.TestDatabase;

class PostgresDeviceLimitsTest extends DeviceLimitsSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}
