package dev.ciba.server.ciba;

/**
 * A successful backchannel authentication response (CIBA Core 1.0 §7.3).
 *
 * @param authReqId the new {@code auth_req_id}
 * @param expiresIn its lifetime in seconds
 * @param interval the minimum time between polls in seconds, or {@code null} for push
 * clients, which never poll
 */
public record BackchannelAuthenticationResponse(AuthReqId authReqId, int expiresIn, Integer interval) {
}
