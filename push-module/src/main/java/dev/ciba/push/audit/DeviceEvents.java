package dev.ciba.push.audit;

import java.util.List;

import dev.ciba.push.audit.StoredDeviceEvent.Cursor;
import org.jspecify.annotations.Nullable;

/**
 * The audit trail of device events.
 */
public interface DeviceEvents {

	/**
	 * The most events one read returns.
	 */
	int MAX_PAGE_SIZE = 100;

	/**
	 * Records an event, stamped with the current time.
	 * <p>
	 * Every event but a refusal is part of the change it tells about: it must be recorded
	 * inside that change's transaction and commits or rolls back with it, so the trail
	 * never shows a registration that did not happen nor misses one that did. A failure
	 * to record it therefore fails the change, on purpose.
	 * <p>
	 * A refusal ({@link DeviceEventType#REFUSED}) is recorded in a transaction of its
	 * own: the refused call changes nothing, or its transaction rolls back, and the
	 * refusal must stay.
	 * @throws org.springframework.transaction.IllegalTransactionStateException if an
	 * event other than a refusal is recorded outside a transaction
	 */
	void record(DeviceEvent event);

	/**
	 * A customer's events, newest first.
	 * @param customerId the customer
	 * @param before the cursor of the last event of the previous page, or {@code null}
	 * for the newest events
	 * @param limit the most events to return, at most {@value #MAX_PAGE_SIZE}
	 */
	List<StoredDeviceEvent> recent(String customerId, @Nullable Cursor before, int limit);

}
