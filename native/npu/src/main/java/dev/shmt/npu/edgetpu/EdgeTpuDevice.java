package dev.shmt.npu.edgetpu;

/**
 * One Edge TPU as libedgetpu lists it.
 *
 * @param type 0 for PCIe, 1 for USB (libedgetpu's {@code edgetpu_device_type})
 * @param path the system path libedgetpu names it by
 * @param label "usb:0", "pci:0": the type and the index among devices of that type, as Coral names them
 */
public record EdgeTpuDevice(int type, String path, String label) {}
