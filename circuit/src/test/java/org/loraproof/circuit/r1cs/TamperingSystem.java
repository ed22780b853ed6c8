package org.loraproof.circuit.r1cs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.loraproof.circuit.bn254.Fr;

/**
 * A malicious prover for soundness tests: builds through an {@link R1csBuilder} but replaces the
 * values of the named variables (qualified names such as {@code sample[0].a.sibling[2]}). Values
 * computed later from them follow the lie consistently, so only the constraint meant to catch it
 * fails.
 */
public final class TamperingSystem implements ConstraintSystem {
    private final R1csBuilder delegate = new R1csBuilder();
    private final Map<String, UnaryOperator<Fr>> tamper;
    private final List<String> scopes = new ArrayList<>();
    private final List<String> tampered = new ArrayList<>();

    public TamperingSystem(Map<String, UnaryOperator<Fr>> tamper) {
        this.tamper = tamper;
    }

    public R1csBuilder builder() {
        return delegate;
    }

    /** The variables whose values were replaced (to check the test hit its target). */
    public List<String> tampered() {
        return tampered;
    }

    private Witness wrap(String name, Witness value) {
        String q = scopes.isEmpty() ? name : String.join(".", scopes) + "." + name;
        UnaryOperator<Fr> f = tamper.get(q);
        if (f == null) {
            return value;
        }
        tampered.add(q);
        return () -> f.apply(value.compute());
    }

    @Override
    public LinearCombination publicInput(String name, Witness value) {
        return delegate.publicInput(name, wrap(name, value));
    }

    @Override
    public LinearCombination witness(String name, Witness value) {
        return delegate.witness(name, wrap(name, value));
    }

    @Override
    public void enforce(String name, LinearCombination a, LinearCombination b, LinearCombination c) {
        delegate.enforce(name, a, b, c);
    }

    @Override
    public boolean computesWitness() {
        return true;
    }

    @Override
    public Fr value(LinearCombination lc) {
        return delegate.value(lc);
    }

    @Override
    public Scope scope(String name) {
        scopes.add(name);
        Scope inner = delegate.scope(name);
        return () -> {
            inner.close();
            scopes.remove(scopes.size() - 1);
        };
    }

    @Override
    public int numConstraints() {
        return delegate.numConstraints();
    }

    @Override
    public int numVariables() {
        return delegate.numVariables();
    }

    @Override
    public int numPublicInputs() {
        return delegate.numPublicInputs();
    }

    /** The first failing constraint's name, or null when all hold. */
    public String firstFailure() {
        var f = MockProver.verify(delegate.r1cs(), delegate.assignment(), 1);
        return f.isEmpty() ? null : f.get(0).name();
    }
}
