package dev.ciba.push.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sender that only logs that a push would go out, for development and tests. It logs
 * the device id only: no token, no challenge, no binding message.
 */
public class LogPushSender implements PushSender {

	private static final Logger logger = LoggerFactory.getLogger(LogPushSender.class);

	@Override
	public PushSendResult send(PushMessage message) {
		logger.info("A push would go to device {} for a request (log sender)", message.deviceId());
		return PushSendResult.sent();
	}

}
