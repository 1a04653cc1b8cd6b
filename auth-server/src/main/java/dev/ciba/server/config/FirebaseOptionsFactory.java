package dev.ciba.server.config;

import com.google.firebase.FirebaseOptions;

/**
 * Replaces the service-account file as the source of the FCM sender's Firebase options
 * when a bean of this type exists: tests point the options at a local stub FCM. (A
 * {@link FirebaseOptions} bean itself cannot be used: Spring introspects its class, which
 * names the excluded Firestore library.)
 */
@FunctionalInterface
public interface FirebaseOptionsFactory {

	FirebaseOptions create();

}
