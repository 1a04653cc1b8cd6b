package dev.ciba.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTests {

	@Test
	void fieldWhenPresentWithOrWithoutSpacesThenItsValue() {
		assertThat(JsonText.field("{\"auth_req_id\":\"abc\",\"expires_in\":300}", "auth_req_id")).isEqualTo("abc");
		assertThat(JsonText.field("{ \"error\" : \"slow_down\" }", "error")).isEqualTo("slow_down");
	}

	@Test
	void fieldWhenAbsentOrNotAStringThenNull() {
		assertThat(JsonText.field("{\"expires_in\":300}", "auth_req_id")).isNull();
		assertThat(JsonText.field("{\"expires_in\":300,\"x\":\"y\"}", "expires_in")).isNull();
	}

}
