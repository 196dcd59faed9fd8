package org.breachnotify.intake;

public enum DispatchStatus { POSTED, FAILED }
