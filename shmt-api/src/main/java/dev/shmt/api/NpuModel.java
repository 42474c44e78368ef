package dev.shmt.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The NPU implementation of a {@link Vop}: a class implementing {@link dev.shmt.api.npu.NpuKernel}
 * with a public no-argument constructor. The annotation processor checks both at compile time; the
 * generated code creates one instance per VOP and binds it to every call.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface NpuModel {
    Class<?> value();
}
