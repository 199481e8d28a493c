package dev.tessera.outbox;

import java.util.List;

/** A page of the outbox, newest first. */
public record NotificationList(List<NotificationView> notifications, int page, int size, long total) {}
