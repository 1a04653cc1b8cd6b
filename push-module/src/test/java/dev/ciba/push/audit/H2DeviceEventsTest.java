package dev.ciba.push.audit;

import dev.ciba.push.TestDatabase;

class H2DeviceEventsTest extends DeviceEventsSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}
