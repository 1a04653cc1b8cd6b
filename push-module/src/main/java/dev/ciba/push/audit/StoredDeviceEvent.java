package dev.ciba.push.audit;

import java.time.Instant;

/**
 * A recorded device event.
 *
 * @param id the row's id
 * @param occurredAt when it was recorded
 * @param event what happened
 */
public record StoredDeviceEvent(long id, Instant occurredAt, DeviceEvent event) {

	/**
	 * Where the next page of older events starts.
	 */
	public Cursor cursor() {
		return new Cursor(this.occurredAt, this.id);
	}

	/**
	 * A position in a customer's events, newest first: the next page holds the events
	 * older than this one.
	 *
	 * @param occurredAt the time of the last event seen
	 * @param id the id of the last event seen (orders events of the same time)
	 */
	public record Cursor(Instant occurredAt, long id) {
	}

}
