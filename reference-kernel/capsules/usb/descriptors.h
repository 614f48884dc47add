/// The USB descriptor builders, all in one include.
#ifndef CAPSULES_USB_DESCRIPTORS_H
#define CAPSULES_USB_DESCRIPTORS_H

#include "capsules/usb/cdc_acm_descriptors.h"
#include "capsules/usb/configuration_builder.h"
#include "capsules/usb/descriptor_table.h"
#include "capsules/usb/device_descriptor.h"
#include "capsules/usb/endpoint.h"
#include "capsules/usb/hid_descriptors.h"
#include "capsules/usb/hid_report_descriptors.h"
#include "capsules/usb/interface_descriptors.h"
#include "capsules/usb/string_descriptors.h"
#include "capsules/usb/usb_codes.h"

#endif // CAPSULES_USB_DESCRIPTORS_H
