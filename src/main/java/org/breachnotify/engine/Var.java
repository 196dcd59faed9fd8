package org.breachnotify.engine;

import org.camunda.bpm.engine.delegate.VariableScope;

/** A process variable declared once with its name and type, so delegates and tests never repeat string literals. */
public record Var<T>(String name, Class<T> type) {

    public T get(VariableScope scope) {
        return type.cast(scope.getVariable(name));
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }

    /** Transient values are visible to the rest of the transaction (e.g. a DMN evaluation) but never stored. */
    public void setTransient(VariableScope scope, T value) {
        scope.setVariable(name, org.camunda.bpm.engine.variable.Variables.untypedValue(value, true));
    }
}
