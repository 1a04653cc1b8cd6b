/**
 * The Firebase Cloud Messaging sender (FCM HTTP v1 through {@code firebase-admin}).
 */
package dev.ciba.push.fcm;
