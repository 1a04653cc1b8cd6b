package dev.ciba.push.audit;

import dev.ciba.push.TestDatabase;

class PostgresDeviceEventsTest extends DeviceEventsSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}
