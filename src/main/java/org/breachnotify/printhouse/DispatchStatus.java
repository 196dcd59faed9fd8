package org.breachnotify.printhouse;

public enum DispatchStatus { POSTED, FAILED }
