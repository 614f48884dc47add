# Device: any. Boots, loads the modules (done by /init) and ends: checks the
# guest image and the harness without needing the device to do anything.
echo "modules: $(cut -d' ' -f1 /proc/modules | tr '\n' ' ')"
